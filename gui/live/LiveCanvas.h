#pragma once

#include "emulator/Snapshot.h"
#include "gui/live/NodeBadge.h"

#include <QElapsedTimer>
#include <QGraphicsView>
#include <QObject>
#include <QTimer>
#include <array>
#include <deque>
#include <string>
#include <unordered_map>

namespace sb::gui {

class AlertBanner;
class DesignScene;
class DesignView;
class LiveLegend;
class LiveRun;
class NodeOverlay;
class TrafficLayer;

/// Brings the canvas to life during a run: node rings and bars by utilisation, queue bars,
/// badges (hit rate, lag, failures by reason over the last ten virtual seconds), down
/// nodes, traffic dots along links, flashes when something happens, an alert banner,
/// a legend, and tooltips with live numbers on nodes and links.
class LiveCanvas final : public QObject {
    Q_OBJECT

public:
    LiveCanvas(DesignScene& scene, DesignView& view, LiveRun& run, QObject* parent = nullptr);
    ~LiveCanvas() override;

    /// One animation frame: dots move on by the wall time since the last frame, flashes
    /// fade. The animation timer calls it at 60 Hz while a run goes on.
    void tick();
    /// Removes everything the last run painted.
    void clear();
    /// Presentation mode: bold traffic, overloaded (85 % busy or more) and failing nodes
    /// pulse, counters of what a node failed rise from it, and alerts come as a large toast.
    void setPresenting(bool presenting);
    bool isPresenting() const { return m_presenting; }

    /// Shows a recorded moment `at` instead of the live one: rings, queues, badges (failures
    /// since `before`, ten virtual seconds earlier) and link traffic.
    void showMoment(const emu::Snapshot& before, const emu::Snapshot& at);

    NodeOverlay* overlay(const std::string& nodeId) const;
    TrafficLayer* traffic() const { return m_traffic; }
    AlertBanner* alertBanner() const { return m_banner; }
    LiveLegend* legend() const { return m_legend; }
    /// The live numbers shown when hovering a node or a link (empty when not running).
    QString nodeToolTip(const std::string& nodeId) const;
    QString linkToolTip(const std::string& from, const std::string& to) const;
    /// Failure badges count what failed in this many virtual seconds before now.
    static constexpr double kFailureWindowSeconds = 10;

Q_SIGNALS:
    void nodeChosen(const QString& nodeId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct NodeHistory {
        emu::Time time = 0;
        std::uint64_t arrivals = 0;
        std::uint64_t failed = 0;
        double arrivalRate = 0;
        double failureRate = 0;   ///< requests failed here per virtual second
        double smoothedRate = -1; ///< negative until the first sample
        double smoothedUtilisation = 0;
        double failedFraction = 0;
        std::uint64_t failedAtRise = 0; ///< failures counted when the last counter rose
        QElapsedTimer riseClock;        ///< wall time since then (counters are paced for eyes)
        /// (time, failures by reason) samples over the failure window.
        std::deque<std::pair<emu::Time, emu::FailureCounts>> window;
    };

    void onStarted();
    void onFrame(const emu::SnapshotPtr& snapshot);
    void onEvents(std::size_t first);
    void onStateChanged();
    void updateNode(const emu::Snapshot& snapshot, const emu::NodeSnapshot& node,
                    NodeHistory& history);
    void present(NodeOverlay& overlay, const emu::NodeSnapshot& node, NodeHistory& history,
                 bool measured);
    QList<NodeBadge> badgesFor(const emu::Snapshot& snapshot, const emu::NodeSnapshot& node,
                               const NodeHistory& history) const;
    NodeOverlay* ensureOverlay(const std::string& nodeId);
    void placeOverlays();
    void restoreViews();
    void stopPulses();

    DesignScene& m_scene;
    DesignView& m_view;
    LiveRun& m_run;
    TrafficLayer* m_traffic;
    LiveLegend* m_legend;
    AlertBanner* m_banner;
    QTimer m_animation;
    QElapsedTimer m_frameClock;
    std::unordered_map<std::string, NodeHistory> m_history;
    bool m_flashing = false;
    bool m_presenting = false;
    int m_pixmapCacheLimit = 0; ///< the application's, while a run raises it
    QGraphicsView::ViewportUpdateMode m_miniMapMode = QGraphicsView::MinimalViewportUpdate;
};

} // namespace sb::gui
