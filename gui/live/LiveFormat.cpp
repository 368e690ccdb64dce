#include "gui/live/LiveFormat.h"

#include <QCoreApplication>
#include <cmath>

namespace sb::gui {

QString formatCount(double value) {
    const double a = std::abs(value);
    if (a >= 1e6)
        return QString::number(value / 1e6, 'f', 1) + QLatin1Char('M');
    if (a >= 1e4)
        return QString::number(value / 1e3, 'f', 1) + QLatin1Char('k');
    if (a >= 100 || value == std::floor(value))
        return QString::number(std::round(value));
    return QString::number(value, 'f', 1);
}

QString formatMs(double ms) {
    const double a = std::abs(ms);
    if (a >= 100)
        return formatCount(ms);
    return QString::number(ms, 'f', a >= 10 ? 1 : 2);
}

QString formatRate(double rps) {
    return formatCount(rps) + QStringLiteral(" req/s");
}

QString failReasonName(std::string_view reason) {
    static const struct {
        std::string_view name;
        const char* text;
    } kNames[] = {{"overloaded", QT_TRANSLATE_NOOP("LiveFormat", "Overloaded")},
                  {"timeout", QT_TRANSLATE_NOOP("LiveFormat", "Timeout")},
                  {"node_down", QT_TRANSLATE_NOOP("LiveFormat", "Node down")},
                  {"partition", QT_TRANSLATE_NOOP("LiveFormat", "Partition")},
                  {"dropped", QT_TRANSLATE_NOOP("LiveFormat", "Dropped")},
                  {"no_route", QT_TRANSLATE_NOOP("LiveFormat", "No route")},
                  {"session_lost", QT_TRANSLATE_NOOP("LiveFormat", "Session lost")},
                  {"write_rejected", QT_TRANSLATE_NOOP("LiveFormat", "Write rejected")}};
    for (const auto& n : kNames)
        if (n.name == reason)
            return QCoreApplication::translate("LiveFormat", n.text);
    QString words = QString::fromUtf8(reason.data(), qsizetype(reason.size()));
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

QString formatClock(double seconds) {
    if (seconds < 60)
        return QString::number(seconds, 'f', 1) + QStringLiteral(" s");
    const int minutes = int(seconds / 60);
    return QStringLiteral("%1:%2").arg(minutes).arg(seconds - minutes * 60, 4, 'f', 1,
                                                    QLatin1Char('0'));
}

BreakerState breakerState(double breakerOpenGauge) {
    return breakerOpenGauge >= 0.75  ? BreakerState::Open
           : breakerOpenGauge > 0.25 ? BreakerState::HalfOpen
                                     : BreakerState::Closed;
}

} // namespace sb::gui
