#include "gui/replay/TimelineBar.h"

#include "gui/live/EventLogModel.h"
#include "gui/live/LiveFormat.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolTip>
#include <cmath>

namespace sb::gui {

namespace {

constexpr int kTickHeight = 6;
constexpr int kHoverPixels = 3;
constexpr int kTooltipLines = 10;

} // namespace

TimelineBar::TimelineBar(QWidget* parent)
    : QSlider(Qt::Horizontal, parent) {
    setMinimumHeight(sizeHint().height() + kTickHeight + 2);
}

QString TimelineBar::eventText(const emu::LogEvent& e) {
    QString text = formatClock(emu::toSeconds(e.time)) + QStringLiteral("  ");
    if (!e.node.empty())
        text += QString::fromStdString(e.node) + QStringLiteral("  ");
    text += QString::fromStdString(e.kind).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!e.detail.empty())
        text += QStringLiteral(": ") + QString::fromStdString(e.detail);
    return text;
}

QColor TimelineBar::eventColour(const std::string& kind) {
    const QString category = EventLogModel::category(kind);
    if (category == QLatin1String("faults") || category == QLatin1String("alerts"))
        return {0xd9, 0x36, 0x36};
    if (category == QLatin1String("failover"))
        return {0xe8, 0x9b, 0x1a};
    if (category == QLatin1String("scaling"))
        return {0x3a, 0x6f, 0xd8};
    return {0x80, 0x80, 0x80};
}

void TimelineBar::setEvents(const std::vector<emu::LogEvent>& events, double resolutionSeconds) {
    m_ticks.clear();
    for (const emu::LogEvent& e : events) {
        if (e.kind == "errors")
            continue;
        const double samples = emu::toSeconds(e.time) / resolutionSeconds;
        const int sample = std::max(0, int(std::ceil(samples - 1e-6)) - 1);
        m_ticks.push_back({sample, eventColour(e.kind), eventText(e)});
    }
    update();
}

int TimelineBar::xOfSample(int sample) const {
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove =
        style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
    const QRect handle =
        style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
    const int span = groove.width() - handle.width();
    return groove.left() + handle.width() / 2 +
           QStyle::sliderPositionFromValue(minimum(), maximum(),
                                           std::clamp(sample, minimum(), maximum()), span);
}

QString TimelineBar::tickTextAt(int x) const {
    QStringList lines;
    int more = 0;
    for (const Tick& t : m_ticks)
        if (std::abs(xOfSample(t.sample) - x) <= kHoverPixels) {
            if (lines.size() < kTooltipLines)
                lines << t.text.toHtmlEscaped();
            else
                ++more;
        }
    if (more > 0)
        lines << tr("… and %1 more").arg(more);
    return lines.join(QStringLiteral("<br>"));
}

void TimelineBar::paintEvent(QPaintEvent* event) {
    QSlider::paintEvent(event);
    if (m_ticks.empty() || maximum() <= minimum())
        return;
    QPainter p(this);
    const int bottom = height() - 1;
    for (const Tick& t : m_ticks) {
        const int x = xOfSample(t.sample);
        p.setPen(QPen(t.colour, 2));
        p.drawLine(x, bottom - kTickHeight, x, bottom);
    }
}

bool TimelineBar::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tickTextAt(help->pos().x());
        if (!text.isEmpty()) {
            QToolTip::showText(help->globalPos(), text, this);
            return true;
        }
    }
    return QSlider::event(event);
}

} // namespace sb::gui
