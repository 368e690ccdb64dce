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

QString failReasonName(emu::FailReason reason) {
    switch (reason) {
    case emu::FailReason::Overloaded:
        return QCoreApplication::translate("LiveFormat", "Overloaded");
    case emu::FailReason::Timeout:
        return QCoreApplication::translate("LiveFormat", "Timeout");
    case emu::FailReason::NodeDown:
        return QCoreApplication::translate("LiveFormat", "Node down");
    case emu::FailReason::Partition:
        return QCoreApplication::translate("LiveFormat", "Partition");
    case emu::FailReason::Dropped:
        return QCoreApplication::translate("LiveFormat", "Dropped");
    case emu::FailReason::NoRoute:
        return QCoreApplication::translate("LiveFormat", "No route");
    case emu::FailReason::SessionLost:
        return QCoreApplication::translate("LiveFormat", "Session lost");
    case emu::FailReason::WriteRejected:
        return QCoreApplication::translate("LiveFormat", "Write rejected");
    case emu::FailReason::None:
        break;
    }
    return {};
}

QString formatClock(double seconds) {
    if (seconds < 60)
        return QString::number(seconds, 'f', 1) + QStringLiteral(" s");
    const int minutes = int(seconds / 60);
    return QStringLiteral("%1:%2").arg(minutes).arg(seconds - minutes * 60, 4, 'f', 1,
                                                    QLatin1Char('0'));
}

} // namespace sb::gui
