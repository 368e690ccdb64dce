#pragma once

#include "gui/live/RunRecord.h"
#include "timeline/Explanation.h"

#include <QDockWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QSlider;

namespace sb::gui {
class LiveSession;

class TimelineBar;

/// Replay and explain, under the canvas: a timeline bar over the run's recorded samples,
/// with its events as ticks (drag it or use the arrow keys, one sample a step: the canvas
/// shows that moment), the
/// "What happened" sentences (click one: the bar jumps to its moment) and breakpoints
/// ("error rate > 5%", "db down", ...) that pause the live run when they first hold. The
/// charts show a cursor at the moment shown. A run from the workspace's history can be
/// replayed the same way.
class ReplayDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit ReplayDock(LiveSession& live, QWidget* parent = nullptr);

    QSlider* bar() const;
    /// The bar with the run's events as ticks.
    TimelineBar* timelineBar() const { return m_bar; }
    QListWidget* sentences() const { return m_sentences; }
    QLineEdit* breakpointEdit() const { return m_breakpoint; }
    /// Shows the recorded moment at `sample` on the canvas (pausing a running run first).
    void seek(int sample);
    /// Recomputes the "What happened" sentences from what was recorded so far.
    void explainRun();
    /// Replays a run kept in the workspace's history (the Run history dock's Replay): the
    /// bar, its ticks and What happened are of `recorded` (a run of `design`, named `label`)
    /// until the next run starts. A running run is paused first.
    void showStored(std::shared_ptr<const timeline::Timeline> recorded, const QString& label,
                    const design::Design& design);
    /// Whether the bar shows a stored run rather than the window's own.
    bool showsStored() const { return m_stored != nullptr; }

private:
    /// The timeline the bar covers: the stored run's, else what the live run recorded so far.
    std::shared_ptr<const timeline::Timeline> source() const;
    const design::Design& sourceDesign() const;
    void onFrame();
    void addBreakpoint();
    void showBreakpoints();

    LiveSession& m_live;
    TimelineBar* m_bar;
    QLabel* m_clock;
    QListWidget* m_sentences;
    QLineEdit* m_breakpoint;
    QLabel* m_armed;
    std::vector<timeline::Sentence> m_explanation;
    std::shared_ptr<const timeline::Timeline> m_stored;
    QString m_storedLabel;
    design::Design m_storedDesign;
    RunRecord m_storedRecord; ///< its rows, for the health matrix
};

} // namespace sb::gui
