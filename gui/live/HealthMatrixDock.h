#pragma once

#include <QDockWidget>
#include <QTimer>

class QSortFilterProxyModel;
class QTableView;

namespace sb::gui {

class HealthMatrixModel;
class LiveRun;

/// The health matrix: one row per node with live sparklines for utilisation, queue,
/// errors and latency, sorted with the worst at the top (click a header to sort by
/// another column); clicking a row selects the node on the canvas.
struct RunRecord;

class HealthMatrixDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit HealthMatrixDock(LiveRun& run, QWidget* parent = nullptr);

    HealthMatrixModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    /// Re-reads the run now (the dock does so twice a second while it runs).
    void refresh();
    /// Shows the moment a replay is at (`record` is the run being replayed); the dock holds
    /// it until the run runs on or another starts.
    void showMoment(const RunRecord& record, double seconds);

Q_SIGNALS:
    void nodeChosen(const QString& nodeId);

private:
    LiveRun& m_run;
    HealthMatrixModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QTableView* m_table;
    /// Re-sorts now rather than on every change, so rows hold still between refreshes.
    void resort();

    QTimer m_timer;
    bool m_holdingMoment = false;
};

} // namespace sb::gui
