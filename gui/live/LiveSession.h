#pragma once

#include "design/Design.h"
#include "gui/document/ChangeEvent.h"

#include <QObject>
#include <QPointF>

class QMenu;

namespace sb::gui {

class ChartsDock;
class EventLogDock;
class FaultDock;
class HealthMatrixDock;
class LiveCanvas;
class LiveRun;
class MainWindow;
class RunBar;
class TrafficDock;

/// Live emulation in a designer window: the run bar and Run menu, the running canvas, and
/// the charts, health, event log, traffic and fault docks, all fed by one LiveRun. While a
/// run goes on, a property changed in the inspector is applied to the running engine (and
/// logged); structural edits are logged as applying to the next run; the palette is put away.
class LiveSession final : public QObject {
    Q_OBJECT

public:
    explicit LiveSession(MainWindow& window);
    ~LiveSession() override;

    LiveRun& run() { return *m_run; }
    RunBar* runBar() const { return m_runBar; }
    LiveCanvas* canvas() const { return m_canvas; }
    ChartsDock* charts() const { return m_charts; }
    HealthMatrixDock* health() const { return m_health; }
    EventLogDock* eventLog() const { return m_events; }
    TrafficDock* traffic() const { return m_traffic; }
    FaultDock* faults() const { return m_faults; }

    /// Runs the document's design with the run bar's settings, or resumes a paused run.
    /// Returns false (with a status message) when the design has errors.
    bool play();
    /// Keeps the finished run as a baseline and reruns the design as it is now.
    bool compare();
    /// Adds the live fault actions for what lies under a canvas point (a node or a data
    /// centre) to a context menu; adds nothing when no run is going on.
    void addCanvasActions(QMenu* menu, QPointF scenePos);

private:
    void onDocumentChanged(const ChangeEvent& event);
    void applyLiveEdits(const design::NodeId& id);
    void showNode(const QString& id);
    void onStateChanged();
    void fault(const std::string& target, const std::string& action, nlohmann::json params = {});

    MainWindow& m_window;
    LiveRun* m_run;
    RunBar* m_runBar;
    LiveCanvas* m_canvas;
    ChartsDock* m_charts;
    HealthMatrixDock* m_health;
    EventLogDock* m_events;
    TrafficDock* m_traffic;
    FaultDock* m_faults;
    design::Design m_liveDesign; ///< the run's design with the live edits applied so far
};

} // namespace sb::gui
