#pragma once

#include "emulator/Snapshot.h"
#include "gui/live/LiveFormat.h"

#include <QAbstractTableModel>
#include <QList>
#include <string>
#include <vector>

namespace sb::gui {

struct RunRecord;

/// One row per node of the running design with its health now and sparklines of the
/// recent past: utilisation, queue, errors per second (from the engine's series rows) and
/// measured latency: for clients the requests' end-to-end time, for other nodes the time
/// requests spent in the node's queues and service, both the mean over the measurement
/// window (p50 and p99 in the tooltip) with a sparkline of each interval's mean. A node
/// that queues nothing shows no latency. The health column sorts by severity, the worst at
/// the top.
class HealthMatrixModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NodeColumn, HealthColumn, Utilisation, Queue, Errors, Latency, ColumnCount };
    static constexpr int kSparklineRole = Qt::UserRole + 1; ///< QList<double>
    static constexpr int kSortRole = Qt::UserRole + 2;      ///< health: severity, larger is worse
    static constexpr int kNodeIdRole = Qt::UserRole + 3;
    static constexpr int kSparklinePoints = 60;

    explicit HealthMatrixModel(QObject* parent = nullptr);

    /// One row per node of the run.
    void reset(const RunRecord& record);
    /// Re-reads the newest values and sparklines.
    void refresh(const RunRecord& record, const emu::SnapshotPtr& latest);
    /// Shows the run as it was at `seconds` (the replay's moment): each node's state,
    /// values and sparklines from the record's rows up to then.
    void showMoment(const RunRecord& record, double seconds);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        std::string id;
        std::string kind;
        bool up = true;
        double severity = 0;
        double current[ColumnCount] = {};
        QList<double> lines[ColumnCount];
        int columns[ColumnCount] = {-1, -1, -1, -1, -1, -1}; ///< series column per metric
        bool measured = false; ///< latency measured here (clients, or a node that queues)
        double p50Ms = 0, p99Ms = 0;
        bool momentOnly = false; ///< a replayed moment: the interval's mean, no window figures
        BreakerState breaker = BreakerState::Closed; ///< its call policy's circuit breaker
    };
    /// Values and sparklines from the record's first `rows` rows.
    void readRows(const RunRecord& record, std::size_t rows);
    /// Orders the rows by severity and announces the change.
    void rank();
    std::vector<Row> m_rows;
};

} // namespace sb::gui
