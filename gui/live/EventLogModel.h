#pragma once

#include "emulator/EventLog.h"

#include <QAbstractTableModel>
#include <vector>

namespace sb::gui {

/// The run's event log as a table: time, kind, node, detail. Rows only grow during a run.
class EventLogModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TimeColumn, KindColumn, NodeColumn, DetailColumn, ColumnCount };
    /// "category kind node detail" as one string, for filtering.
    static constexpr int kFilterRole = Qt::UserRole + 1;
    static constexpr int kNodeIdRole = Qt::UserRole + 2;

    explicit EventLogModel(QObject* parent = nullptr);

    void clear();
    void append(const std::vector<emu::LogEvent>& events, std::size_t from);
    /// The group an event kind belongs to: faults, failover, alerts, scaling, changes, other.
    static QString category(const std::string& kind);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<emu::LogEvent> m_events;
};

} // namespace sb::gui
