#pragma once

#include <QDockWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace sb::gui {

class EventLogModel;
class LiveRun;

/// The run's event log, filterable by group (faults, failover, alerts, scaling, live
/// changes) and by text; clicking an entry selects its node on the canvas.
class EventLogDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit EventLogDock(LiveRun& run, QWidget* parent = nullptr);

    EventLogModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_text; }
    QComboBox* categoryBox() const { return m_category; }
    /// Rows shown after filtering.
    int visibleRows() const;

Q_SIGNALS:
    void nodeChosen(const QString& nodeId);

private:
    void applyFilter();

    LiveRun& m_run;
    EventLogModel* m_model;
    QSortFilterProxyModel* m_filtered;
    QTableView* m_table;
    QLineEdit* m_text;
    QComboBox* m_category;
};

} // namespace sb::gui
