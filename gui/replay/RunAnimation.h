#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "timeline/Clip.h"
#include "timeline/Explanation.h"
#include "timeline/Timeline.h"
#include "video/VideoEncoder.h"

#include <QImage>
#include <functional>
#include <memory>
#include <string>

namespace sb::reports {
class DiagramRenderer;
class SeriesChart;
} // namespace sb::reports

namespace sb::gui {

class DesignDocument;
class DesignScene;
class DesignView;
class LiveCanvas;
class LiveRun;

/// Shows the recorded moment at `sample` on a live canvas: rings, queues, down nodes,
/// badges (failures over the ten virtual seconds before it, as live) and link traffic.
/// The Replay dock's scrubbing and the run animation both draw moments this way.
void showRecordedMoment(LiveCanvas& canvas, const timeline::Timeline& timeline, std::size_t sample);

/// A recorded run drawn frame by frame the way the canvas showed it (a DesignScene of
/// the design brought to life by a LiveCanvas, in the light theme, framed as
/// DiagramRenderer frames the design), with a strip below it:
/// the virtual clock, the latest sentences of what happened (timeline::explain), and the
/// served and failed requests per second over the clip with a cursor at the moment shown.
/// Needs a QApplication.
class RunAnimation {
public:
    /// `clip` must be valid for the timeline (Clip::problem of runSeconds() is empty), and
    /// `timeline` outlive the animation; `scale` is pixels per canvas unit, as for a PNG.
    RunAnimation(const design::Design& design, const design::DescriptorCatalog& catalog,
                 const timeline::Timeline& timeline, const timeline::Clip& clip, double scale);
    ~RunAnimation();

    /// The virtual seconds the timeline covers (its last sample's time).
    static double runSeconds(const timeline::Timeline& timeline);

    /// Even in both directions (what the video codecs need).
    QSize frameSize() const { return m_size; }
    int frameCount() const { return m_frames; }
    /// Draws frame `frame`. Frames are drawn in order: the traffic dots move on by one
    /// frame's time from the one before.
    QImage frame(int frame);

    static constexpr int kStripHeight = 190;

private:
    void drawStrip(QPainter& painter, double seconds) const;

    const timeline::Timeline& m_timeline;
    timeline::Clip m_clip;
    std::unique_ptr<reports::DiagramRenderer> m_diagram;
    std::unique_ptr<DesignDocument> m_document;
    std::unique_ptr<DesignScene> m_scene; ///< reads m_document
    std::unique_ptr<DesignView> m_view;
    std::unique_ptr<LiveRun> m_run;
    std::unique_ptr<LiveCanvas> m_canvas;
    std::vector<timeline::Sentence> m_sentences; ///< what happened, told in the strip
    QSize m_diagramSize;
    QSize m_size;
    QImage m_chart;
    QSize m_chartSize;
    std::unique_ptr<reports::SeriesChart> m_chartSource;
    int m_frames = 0;
    std::size_t m_shownSample = std::size_t(-1);
};

/// Writes the clip of a recorded run as a video file (through video::VideoEncoder, so a
/// cancelled or failed export leaves no file). `progress` hears how far it got (0 to 1)
/// and returns false to cancel. Returns an empty string on success, RunReport::kCancelled
/// when cancelled, else the reason.
std::string writeRunVideo(const design::Design& design, const design::DescriptorCatalog& catalog,
                          const timeline::Timeline& timeline, const timeline::Clip& clip,
                          video::Format format, double scale, const std::string& path,
                          const std::function<bool(double done)>& progress = {});

} // namespace sb::gui
