#include "gui/live/SeriesChartView.h"

#include "render/MarkerLayout.h"

#include <QChart>
#include <QEvent>
#include <QHelpEvent>
#include <QLegend>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace sb::gui {

namespace {

double niceCeiling(double v) {
    if (v <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (v <= step * magnitude)
            return step * magnitude;
    return 10 * magnitude;
}

} // namespace

SeriesChartView::SeriesChartView(const QString& title, const QString& unit, QWidget* parent)
    : QChartView(parent)
    , m_time(new QValueAxis)
    , m_value(new QValueAxis) {
    // The chart the view made for itself: a chart given to setChart() would leave that
    // one without an owner.
    QChart* c = chart();
    c->setTitle(title);
    c->setMargins(QMargins(4, 2, 4, 2));
    c->legend()->setAlignment(Qt::AlignBottom);
    m_time->setTitleText(tr("virtual time (s)"));
    m_time->setLabelFormat(QStringLiteral("%.0f"));
    m_time->setRange(0, 10);
    m_value->setTitleText(unit);
    m_value->setLabelFormat(QStringLiteral("%.3g"));
    m_value->setRange(0, 1);
    c->addAxis(m_time, Qt::AlignBottom);
    c->addAxis(m_value, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    // The fault markers are painted over the whole plot: repaint it whole.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setMinimumSize(220, 165);
    setToolTip(tr("Drag across to zoom, wheel to zoom, double-click to follow the run again"));
    applyPalette();
    applyFonts();
}

void SeriesChartView::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    if (event->type() == QEvent::FontChange)
        applyFonts();
}

void SeriesChartView::applyFonts() {
    // Sized from the widget's own font, so a larger one (presentation mode) grows the
    // charts' text with it.
    const double base = font().pointSizeF() / QFont().pointSizeF();
    QChart* c = chart();
    QFont small = font();
    small.setPointSizeF(7.5 * base);
    c->legend()->setFont(small);
    QFont titleFont = font();
    titleFont.setPointSizeF(9 * base);
    titleFont.setBold(true);
    c->setTitleFont(titleFont);
    for (QValueAxis* axis : {m_time, m_value}) {
        axis->setLabelsFont(small);
        QFont axisTitle = small;
        axisTitle.setPointSizeF(7 * base);
        axis->setTitleFont(axisTitle);
    }
    m_markerPoints = 7 * base;
}

void SeriesChartView::applyPalette() {
    // Qt Charts draws with its own light theme; follow the window's palette instead, so a
    // dark window has dark charts.
    const QPalette& pal = palette();
    QChart* c = chart();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    c->setTitleBrush(pal.color(QPalette::Text));
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QValueAxis* axis : {m_time, m_value}) {
        axis->setLabelsBrush(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::PlaceholderText));
        axis->setLinePenColor(pal.color(QPalette::Mid));
        QColor grid = pal.color(QPalette::Text);
        grid.setAlpha(40);
        axis->setGridLineColor(grid);
    }
    setBackgroundBrush(pal.color(QPalette::Base));
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    m_markerColour = dark ? QColor(0xff, 0x7a, 0x7a) : QColor(0xc0, 0x2a, 0x2a);
}

void SeriesChartView::setFollow(bool follow) {
    m_follow = follow;
}

void SeriesChartView::setMarkers(std::vector<Marker> markers) {
    if (markers == m_markers)
        return;
    m_markers = std::move(markers);
    viewport()->update();
}

void SeriesChartView::fit(double now, double largest) {
    m_now = now;
    if (m_follow)
        m_time->setRange(std::max(0.0, now - kWindowSeconds), std::max(now, 10.0));
    m_value->setRange(0, niceCeiling(largest * 1.1));
}

void SeriesChartView::zoomTime(double centre, double factor) {
    const double lo = centre - (centre - m_time->min()) * factor;
    const double hi = centre + (m_time->max() - centre) * factor;
    if (hi - lo < 0.5)
        return;
    m_follow = false;
    m_time->setRange(std::max(0.0, lo), hi);
}

void SeriesChartView::wheelEvent(QWheelEvent* event) {
    const QPointF value =
        chart()->mapToValue(chart()->mapFromScene(mapToScene(event->position().toPoint())));
    zoomTime(value.x(), event->angleDelta().y() > 0 ? 0.8 : 1.25);
    event->accept();
}

void SeriesChartView::mouseReleaseEvent(QMouseEvent* event) {
    const bool zoomed = event->button() == Qt::LeftButton;
    if (event->button() == Qt::RightButton) {
        // Qt Charts zooms out on a right click; follow the run instead.
        m_follow = true;
        fit(m_now, m_value->max() / 1.1);
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
    if (zoomed)
        m_follow = false;
}

void SeriesChartView::mouseDoubleClickEvent(QMouseEvent* event) {
    m_follow = true;
    m_time->setRange(std::max(0.0, m_now - kWindowSeconds), std::max(m_now, 10.0));
    event->accept();
}

void SeriesChartView::setTimeCursor(std::optional<double> seconds) {
    m_cursor = seconds;
    if (seconds && (*seconds < m_time->min() || *seconds > m_time->max())) {
        const double width = m_time->max() - m_time->min();
        const double from = std::max(0.0, *seconds - width / 2);
        setFollow(false);
        m_time->setRange(from, from + width);
    }
    viewport()->update();
}

void SeriesChartView::drawForeground(QPainter* painter, const QRectF& rect) {
    QChartView::drawForeground(painter, rect);
    m_labels.clear();
    const QRectF area = chart()->mapRectToScene(chart()->plotArea());
    if (m_cursor && *m_cursor >= m_time->min() && *m_cursor <= m_time->max()) {
        const QPointF p = chart()->mapToPosition(QPointF(*m_cursor, m_value->min()));
        const double x = chart()->mapToScene(p).x();
        painter->save();
        painter->setPen(QPen(QColor(0x3a, 0x6f, 0xd8), 2));
        painter->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        painter->restore();
    }
    if (m_markers.empty())
        return;
    painter->save();
    QFont font = painter->font();
    font.setPointSizeF(m_markerPoints);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    QColor line = m_markerColour;
    line.setAlpha(200);

    // Lines for every marker in view; labels laid out in rows so none overlaps another:
    // the full text where there is room, else a short one, else one label for a cluster,
    // with every full text in the label's tooltip.
    std::vector<render::MarkerLayout::Marker> shown;
    std::vector<const Marker*> source;
    std::vector<QString> shortTexts;
    for (const Marker& m : m_markers) {
        if (m.timeSeconds < m_time->min() || m.timeSeconds > m_time->max())
            continue;
        const QPointF p = chart()->mapToPosition(QPointF(m.timeSeconds, m_value->min()));
        const double x = chart()->mapToScene(p).x();
        painter->setPen(QPen(line, 1.2, Qt::DashLine));
        painter->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        shortTexts.push_back(
            metrics.elidedText(m.text, Qt::ElideRight, metrics.averageCharWidth() * 8));
        shown.push_back({x, metrics.horizontalAdvance(m.text) + 2,
                         metrics.horizontalAdvance(shortTexts.back()) + 2});
        source.push_back(&m);
    }
    render::MarkerLayout::Options options;
    options.left = area.left() + 2;
    options.right = area.right() - 2;
    options.maxRows = 3;
    options.clusterWidth = [&](const std::vector<std::size_t>& members) {
        return metrics.horizontalAdvance(tr("%n events", "", int(members.size()))) + 2;
    };
    const double rowHeight = metrics.height() + 1;
    painter->setPen(m_markerColour);
    for (const render::MarkerLayout::Label& label : render::MarkerLayout::place(shown, options)) {
        const std::size_t first = label.markers.front();
        const QString text = label.form == render::MarkerLayout::Form::Full ? source[first]->text
                             : label.form == render::MarkerLayout::Form::Short
                                 ? shortTexts[first]
                                 : tr("%n events", "", int(label.markers.size()));
        const QRectF box(label.left, area.top() + 2 + label.row * rowHeight, label.width,
                         rowHeight);
        painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
        QStringList full;
        for (std::size_t m : label.markers)
            full << QStringLiteral("%1 s: %2")
                        .arg(source[m]->timeSeconds, 0, 'f', 1)
                        .arg(source[m]->text);
        m_labels.push_back({box, full.join(QLatin1Char('\n'))});
    }
    painter->restore();
}

bool SeriesChartView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPointF at = mapToScene(help->pos());
        for (const LabelTip& label : m_labels)
            if (label.rect.contains(at)) {
                QToolTip::showText(help->globalPos(), label.text, viewport());
                return true;
            }
    }
    return QChartView::viewportEvent(event);
}

} // namespace sb::gui
