#pragma once

#include "emulator/RunResult.h"
#include "reports/RunReport.h"
#include "timeline/Clip.h"
#include "timeline/Timeline.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>
#include <string>

class QAction;
class QProgressDialog;
class QMenu;

namespace sb::timeline {
class TimelineRecorder;
} // namespace sb::timeline

namespace sb::gui {
class MainWindow;

/// The window's File > Export menu: the diagram as PNG, SVG or PDF, the design as a Mermaid
/// flowchart or a draw.io file, a run's report (HTML or PDF) or data (series CSV and
/// JSON summary), and a run's animation (WebM, MP4, GIF). A report or data export first runs the
/// design with its run settings at full speed on a worker thread, and stores the run in the
/// workspace file when the design is saved as one.
class ExportActions final : public QObject {
    Q_OBJECT

public:
    explicit ExportActions(MainWindow& window);
    ~ExportActions() override;

    QMenu* menu() const { return m_menu; }
    /// Writes the current design: png, svg, pdf, mermaid or drawio. Empty on success.
    std::string exportDesign(const std::string& format, const std::string& path,
                             double scale = 2) const;
    /// Runs the current design on a worker thread with a progress dialog whose Cancel stops
    /// it, stores the run in the workspace file (when it is one), then calls `done` on the
    /// GUI thread; the run fills `runShare` percent of the bar. A cancelled or failed run
    /// calls nothing.
    void runDesign(std::function<void(const emu::RunResult&)> done, int runShare = 100);
    /// runDesign, recording the run's timeline and handing it to `done` too.
    void runAndRecord(std::function<void(const emu::RunResult&, const timeline::Timeline&)> done,
                      int runShare = 100);
    /// Writes a run animation (webm, mp4 or gif by the file's suffix) of `clip`: of the
    /// window's last run when it recorded samples, else of a run of the design made for it,
    /// with progress and Cancel; a cancelled or failed export leaves no file.
    void exportAnimation(const QString& path, const timeline::Clip& clip, double scale = 1);
    /// How long the run an animation is taken from lasts: the window's last run's recorded
    /// seconds, else the design's run duration.
    double animationRunSeconds() const;
    /// Asks for the stretch of the run and the speed of its animation (the dialog of File >
    /// Export > Run animation), refusing a stretch Clip::problem names; nothing when
    /// cancelled. A GIF gets its own frame rate.
    std::optional<timeline::Clip> askClip(bool gif);
    /// Runs the design and writes its report (.html or .pdf) to `path`, with progress and
    /// Cancel; a cancelled report leaves no file.
    void runAndReport(const QString& path);
    bool running() const { return m_running; }
    /// Adds a finished run to the open workspace's history (when the design is a
    /// workspace file) and says so with runStored; the run's recorded timeline, when
    /// given, is kept with it and explained in its summary (`explanation`), naming the
    /// nodes of `ran` (the design run; by default the window's last live run's).
    void keepRun(const emu::RunResult& result, const timeline::Timeline* recorded = nullptr,
                 const design::Design* ran = nullptr);

Q_SIGNALS:
    /// A run was added to the workspace file's history.
    void runStored();

private:
    struct PendingRun;
    void finishProgress();
    /// Progress of a report's writing, shown from `from` percent on the export's dialog.
    reports::RunReport::Progress reportProgress(int from);
    void exportWithDialog(const QString& format, const QString& filter);
    void reportWithDialog();
    void dataWithDialog();
    void animationWithDialog();
    /// The run's timeline the window already has (the last run, recorded), or null.
    const timeline::TimelineRecorder* liveRecording() const;
    void startRun(std::function<void(const emu::RunResult&, const timeline::Timeline*)> done,
                  int runShare, bool record);
    void openProgress(const QString& label);
    /// Encodes the animation with the progress dialog from `from` percent; says how it went.
    void writeAnimation(const design::Design& design, const timeline::Timeline& recorded,
                        const QString& path, const timeline::Clip& clip, double scale, int from);
    QAction* addAction(const QString& name, const QString& text, std::function<void()> slot);

    MainWindow& m_window;
    QMenu* m_menu;
    bool m_running = false;
    QProgressDialog* m_progress = nullptr;
};

} // namespace sb::gui
