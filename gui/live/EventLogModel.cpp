#include "gui/live/EventLogModel.h"

#include <QBrush>
#include <QColor>
#include <set>

namespace sb::gui {

EventLogModel::EventLogModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void EventLogModel::clear() {
    beginResetModel();
    m_events.clear();
    endResetModel();
}

void EventLogModel::append(const std::vector<emu::LogEvent>& events, std::size_t from) {
    if (from >= events.size())
        return;
    beginInsertRows({}, rowCount(), rowCount() + int(events.size() - from) - 1);
    m_events.insert(m_events.end(), events.begin() + std::ptrdiff_t(from), events.end());
    endInsertRows();
}

QString EventLogModel::category(const std::string& kind) {
    static const std::set<std::string> faults = {
        "node_failed",      "node_recovered", "dc_failed",     "dc_recovered",  "partition",
        "partition_healed", "link_cut",       "link_restored", "link_loss",     "slowed",
        "unslowed",         "chaos",          "chaos_started", "chaos_stopped", "fault_ignored"};
    static const std::set<std::string> failover = {
        "detected_down",     "detected_up",     "failover",     "promoted",     "replica_replaced",
        "replica_caught_up", "recovery_script", "dns_failover", "dns_failback", "cdn_fallback"};
    static const std::set<std::string> alerts = {"alert_fired", "alert_cleared", "errors",
                                                 "alert_rule_ignored"};
    static const std::set<std::string> scaling = {"scale_out", "scale_in", "reshard",
                                                  "migration_done"};
    static const std::set<std::string> changes = {"property_changed", "live_edit_ignored", "burst",
                                                  "burst_over", "design_changed"};
    if (faults.count(kind))
        return QStringLiteral("faults");
    if (failover.count(kind))
        return QStringLiteral("failover");
    if (alerts.count(kind))
        return QStringLiteral("alerts");
    if (scaling.count(kind))
        return QStringLiteral("scaling");
    if (changes.count(kind))
        return QStringLiteral("changes");
    return QStringLiteral("other");
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const emu::LogEvent& e = m_events[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QString::number(emu::toSeconds(e.time), 'f', 2);
        case KindColumn:
            return QString::fromStdString(e.kind);
        case NodeColumn:
            return QString::fromStdString(e.node);
        case DetailColumn:
            return QString::fromStdString(e.detail);
        }
        break;
    case kFilterRole:
        return QStringLiteral("cat=%1 %2 %3 %4")
            .arg(category(e.kind), QString::fromStdString(e.kind), QString::fromStdString(e.node),
                 QString::fromStdString(e.detail));
    case kNodeIdRole:
        return QString::fromStdString(e.node);
    case Qt::ForegroundRole: {
        const QString c = category(e.kind);
        if (c == QLatin1String("faults") || c == QLatin1String("alerts"))
            return QBrush(QColor(0xd9, 0x36, 0x36));
        if (c == QLatin1String("failover"))
            return QBrush(QColor(0xc7, 0x85, 0x0f));
        break;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("t (s)");
    case KindColumn:
        return tr("Event");
    case NodeColumn:
        return tr("Node");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

} // namespace sb::gui
