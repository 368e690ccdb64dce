#include "reports/SeriesChart.h"

#include "render/MarkerLayout.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace sb::reports {

namespace {

/// A "nice" step for about `ticks` divisions of [0, top].
double niceStep(double top, int ticks) {
    const double raw = top / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * magnitude)
            return m * magnitude;
    return 10 * magnitude;
}

constexpr double kMarkerRow = 15; // height of one row of marker labels
constexpr int kMarkerFontPixels = 11;
constexpr double kPlotTop = 34;

QFont markerFont() {
    QFont font;
    font.setPixelSize(kMarkerFontPixels);
    return font;
}

/// The text of a label standing for several markers: their short texts' range ("3–6").
QString clusterText(const std::vector<SeriesChart::Marker>& markers,
                    const std::vector<std::size_t>& members) {
    const QString& first = markers[members.front()].shortLabel;
    const QString& last = markers[members.back()].shortLabel;
    return first == last ? first : first + QChar(0x2013) + last;
}

QString tickLabel(double v) {
    if (v >= 1e6)
        return QString::number(v / 1e6, 'g', 3) + QStringLiteral("M");
    if (v >= 1e4)
        return QString::number(v / 1e3, 'g', 3) + QStringLiteral("k");
    return QString::number(v, 'g', 4);
}

} // namespace

SeriesChart::SeriesChart(QString title, QString unit)
    : m_title(std::move(title))
    , m_unit(std::move(unit)) {}

void SeriesChart::addLine(Line line) {
    m_lines.push_back(std::move(line));
}

void SeriesChart::addMarker(Marker marker) {
    m_markers.push_back(std::move(marker));
}

QColor SeriesChart::colour(int index) {
    static const QColor colours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                     QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};
    return colours[index % 8];
}

SeriesChart::Frame SeriesChart::frame(QSize size) const {
    Frame f;
    bool first = true;
    for (const auto& line : m_lines)
        for (std::size_t i = 0; i < line.time.size() && i < line.values.size(); ++i) {
            if (!std::isfinite(line.values[i]))
                continue;
            f.tMin = first ? line.time[i] : std::min(f.tMin, line.time[i]);
            f.tMax = first ? line.time[i] : std::max(f.tMax, line.time[i]);
            first = false;
        }
    if (f.tMax <= f.tMin)
        f.tMax = f.tMin + 1;
    f.plotLeft = 64;
    f.plotRight = size.width() - 16;
    return f;
}

std::vector<SeriesChart::MarkerLabel> SeriesChart::markerLabels(QSize size) const {
    const Frame f = frame(size);
    const QFontMetricsF metrics(markerFont());
    std::vector<render::MarkerLayout::Marker> shown;
    std::vector<std::size_t> index; // shown -> m_markers
    for (std::size_t i = 0; i < m_markers.size(); ++i) {
        const Marker& m = m_markers[i];
        if (m.time < f.tMin || m.time > f.tMax)
            continue;
        const double x =
            f.plotLeft + (m.time - f.tMin) / (f.tMax - f.tMin) * (f.plotRight - f.plotLeft);
        const QString shortText = m.shortLabel.isEmpty() ? m.label : m.shortLabel;
        shown.push_back(
            {x, metrics.horizontalAdvance(m.label) + 2, metrics.horizontalAdvance(shortText) + 2});
        index.push_back(i);
    }
    render::MarkerLayout::Options options;
    options.left = 4;
    options.right = size.width() - 4;
    options.maxRows = 3;
    options.clusterWidth = [&](const std::vector<std::size_t>& members) {
        std::vector<std::size_t> inChart;
        for (std::size_t m : members)
            inChart.push_back(index[m]);
        return metrics.horizontalAdvance(clusterText(m_markers, inChart)) + 2;
    };
    std::vector<MarkerLabel> out;
    for (const auto& label : render::MarkerLayout::place(shown, options)) {
        MarkerLabel placed;
        for (std::size_t m : label.markers)
            placed.markers.push_back(index[m]);
        const Marker& first = m_markers[placed.markers.front()];
        placed.text = label.form == render::MarkerLayout::Form::Full ? first.label
                      : label.form == render::MarkerLayout::Form::Short
                          ? (first.shortLabel.isEmpty() ? first.label : first.shortLabel)
                          : clusterText(m_markers, placed.markers);
        placed.row = label.row;
        placed.rect =
            QRectF(label.left, kPlotTop - 4 + label.row * kMarkerRow, label.width, kMarkerRow - 1);
        out.push_back(std::move(placed));
    }
    return out;
}

QRectF SeriesChart::plotArea(QSize size) const {
    const Frame f = frame(size);
    int rows = 0;
    for (const auto& l : markerLabels(size))
        rows = std::max(rows, l.row + 1);
    const double plotTop = kPlotTop + rows * kMarkerRow;
    return {f.plotLeft, plotTop, f.plotRight - f.plotLeft, size.height() - plotTop - 52};
}

double SeriesChart::xOf(QSize size, double t) const {
    const Frame f = frame(size);
    return f.plotLeft + (t - f.tMin) / (f.tMax - f.tMin) * (f.plotRight - f.plotLeft);
}

QImage SeriesChart::render(QSize size) const {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setPixelSize(12);
    p.setFont(font);

    const Frame f = frame(size);
    const double tMin = f.tMin, tMax = f.tMax;
    double vMax = 0;
    for (const auto& line : m_lines)
        for (std::size_t i = 0; i < line.time.size() && i < line.values.size(); ++i)
            if (std::isfinite(line.values[i]))
                vMax = std::max(vMax, line.values[i]);
    if (vMax <= 0)
        vMax = 1;
    const std::vector<MarkerLabel> labels = markerLabels(size);
    const double step = niceStep(vMax * 1.05, 5);
    const double top = std::ceil(vMax * 1.05 / step) * step;

    const QRectF plot = plotArea(size);
    QFont titleFont = font;
    titleFont.setPixelSize(14);
    titleFont.setBold(true);
    p.setFont(titleFont);
    p.setPen(Qt::black);
    p.drawText(QRectF(0, 6, size.width(), 22), Qt::AlignHCenter | Qt::AlignVCenter, m_title);
    p.setFont(font);

    auto x = [&](double t) { return plot.left() + (t - tMin) / (tMax - tMin) * plot.width(); };
    auto y = [&](double v) { return plot.bottom() - v / top * plot.height(); };

    // Grid and axes.
    p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1));
    for (double v = 0; v <= top + step / 2; v += step) {
        p.drawLine(QPointF(plot.left(), y(v)), QPointF(plot.right(), y(v)));
        p.setPen(Qt::darkGray);
        p.drawText(QRectF(0, y(v) - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   tickLabel(v));
        p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1));
    }
    const double tStep = niceStep(tMax - tMin, 6);
    for (double t = std::ceil(tMin / tStep) * tStep; t <= tMax + 1e-9; t += tStep) {
        p.setPen(Qt::darkGray);
        p.drawText(QRectF(x(t) - 30, plot.bottom() + 4, 60, 16), Qt::AlignCenter,
                   QString::number(t, 'g', 4));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 18, plot.width(), 16), Qt::AlignCenter,
               QStringLiteral("time (s)"));
    p.save();
    p.translate(14, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -10, plot.height(), 20), Qt::AlignCenter, m_unit);
    p.restore();
    p.setPen(QPen(Qt::gray, 1));
    p.drawRect(plot);

    // Event markers: a dashed line through the plot for each, a tick up to its label.
    const QColor markerColour(0xc0, 0x39, 0x2b);
    p.setFont(markerFont());
    for (const auto& label : labels) {
        for (std::size_t i : label.markers) {
            const double mx = x(m_markers[i].time);
            p.setPen(QPen(QColor(0xc0, 0x39, 0x2b, 150), 1, Qt::DashLine));
            p.drawLine(QPointF(mx, plot.top()), QPointF(mx, plot.bottom()));
            p.setPen(QPen(QColor(0xc0, 0x39, 0x2b, 150), 1));
            p.drawLine(QPointF(mx, label.rect.top() + 2), QPointF(mx, plot.top()));
        }
        p.fillRect(label.rect, Qt::white);
        p.setPen(markerColour);
        p.drawText(label.rect, Qt::AlignLeft | Qt::AlignVCenter, label.text);
    }
    p.setFont(font);

    // Lines.
    p.setClipRect(plot.adjusted(-1, -1, 1, 1));
    for (const auto& line : m_lines) {
        QPainterPath path;
        bool started = false;
        for (std::size_t i = 0; i < line.time.size() && i < line.values.size(); ++i) {
            if (!std::isfinite(line.values[i])) {
                started = false;
                continue;
            }
            const QPointF point(x(line.time[i]), y(line.values[i]));
            if (started)
                path.lineTo(point);
            else
                path.moveTo(point);
            started = true;
        }
        p.setPen(QPen(line.colour, 1.6, line.style));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    p.setClipping(false);

    // Legend.
    double lx = plot.left();
    const double ly = size.height() - 14;
    for (const auto& line : m_lines) {
        p.setPen(QPen(line.colour, 2.5, line.style));
        p.drawLine(QPointF(lx, ly), QPointF(lx + 18, ly));
        p.setPen(Qt::black);
        const double w = p.fontMetrics().horizontalAdvance(line.name);
        p.drawText(QPointF(lx + 22, ly + 4), line.name);
        lx += 22 + w + 16;
    }
    return image;
}

} // namespace sb::reports
