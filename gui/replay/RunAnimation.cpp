#include "gui/replay/RunAnimation.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/LiveCanvas.h"
#include "gui/live/LiveFormat.h"
#include "gui/live/LiveRun.h"
#include "gui/live/TrafficLayer.h"
#include "reports/DiagramRenderer.h"
#include "reports/RunReport.h"
#include "reports/SeriesChart.h"
#include "timeline/Explanation.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace sb::gui {

namespace {

/// Narrower diagrams are centred in frames this wide, so the strip has room.
constexpr int kMinWidth = 720;
/// The strip tells what happened (timeline::explain) in this many virtual seconds before
/// the moment shown, at most kSentencesShown sentences, the latest last.
constexpr double kRecentSeconds = 15;
constexpr int kSentencesShown = 4;

int even(int v) {
    return v + (v % 2);
}

} // namespace

void showRecordedMoment(LiveCanvas& canvas, const timeline::Timeline& timeline,
                        std::size_t sample) {
    if (timeline.samples() == 0)
        return;
    const std::size_t at = std::min(sample, timeline.samples() - 1);
    const std::size_t before =
        timeline.sampleAt(timeline.time(at) - LiveCanvas::kFailureWindowSeconds);
    // Counts since `before` in both: the canvas reads their differences (failures in the
    // window, arrival rates), the same as from the run's start, in time of the window only.
    canvas.showMoment(timeline.momentAt(before, before), timeline.momentAt(at, before));
}

double RunAnimation::runSeconds(const timeline::Timeline& timeline) {
    return timeline.samples() ? timeline.time(timeline.samples() - 1) : 0.0;
}

RunAnimation::RunAnimation(const design::Design& design, const design::DescriptorCatalog& catalog,
                           const timeline::Timeline& timeline, const timeline::Clip& clip,
                           double scale)
    : m_timeline(timeline)
    , m_clip(clip)
    , m_diagram(std::make_unique<reports::DiagramRenderer>(design, catalog))
    , m_document(std::make_unique<DesignDocument>(catalog)) {
    m_document->reset(reports::printable(design));
    m_scene = std::make_unique<DesignScene>(*m_document);
    // Drawn whole, every frame: a spatial index only costs here (and degenerates when many
    // items overlap, as a large design's links do), so items are kept in a plain list.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    m_scene->setCanvasStyle(render::CanvasStyle::light());
    m_view = std::make_unique<DesignView>(m_scene.get());
    m_run = std::make_unique<LiveRun>();
    m_canvas = std::make_unique<LiveCanvas>(*m_scene, *m_view, *m_run);
    m_sentences = timeline::explain(timeline, &design);
    m_canvas->traffic()->show();
    m_diagramSize = m_diagram->imageSize(scale);
    m_size = QSize(even(std::max(kMinWidth, m_diagramSize.width())),
                   even(m_diagramSize.height() + kStripHeight));
    const double end = clip.end(runSeconds(timeline));
    m_frames = clip.frames(runSeconds(timeline));

    m_chartSource = std::make_unique<reports::SeriesChart>(QStringLiteral("Requests"),
                                                           QStringLiteral("per second"));
    const std::size_t first = timeline.sampleAt(clip.from), last = timeline.sampleAt(end);
    const auto line = [&](const char* column, const QString& name, int colour) {
        const int c = timeline.column(column);
        if (c < 0)
            return;
        reports::SeriesChart::Line l{name, {}, {}, reports::SeriesChart::colour(colour)};
        for (std::size_t s = first; s <= last && s < timeline.samples(); ++s) {
            l.time.push_back(timeline.time(s));
            l.values.push_back(timeline.value(s, std::size_t(c)));
        }
        m_chartSource->addLine(std::move(l));
    };
    line("throughput_rps", QStringLiteral("served"), 0);
    line("errors_rps", QStringLiteral("failed"), 2);
    m_chartSize = QSize(std::min(480, m_size.width() / 2), kStripHeight - 8);
    m_chart = m_chartSource->render(m_chartSize);
}

RunAnimation::~RunAnimation() {
    m_canvas.reset(); // it takes its items off the scene
    m_view.reset();
}

QImage RunAnimation::frame(int frame) {
    const double seconds = m_clip.timeOf(frame);
    const std::size_t sample = m_timeline.sampleAt(seconds);
    if (sample != m_shownSample) {
        showRecordedMoment(*m_canvas, m_timeline, sample);
        m_shownSample = sample;
    }
    // The dots move as fast as on screen: the video plays in wall time.
    m_canvas->traffic()->moveDots(1.0 / m_clip.fps);

    QImage image(m_size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    const QRectF diagram(QPointF((m_size.width() - m_diagramSize.width()) / 2.0, 0),
                         QSizeF(m_diagramSize));
    const QRectF source = m_diagram->sourceRect();
    m_diagram->renderWith(&painter, diagram,
                          [&](QPainter& p) { m_scene->render(&p, source, source); });
    drawStrip(painter, seconds);
    return image;
}

void RunAnimation::drawStrip(QPainter& p, double seconds) const {
    const QRect strip(0, m_size.height() - kStripHeight, m_size.width(), kStripHeight);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(strip, QColor(0xf4, 0xf4, 0xf4));
    p.setPen(QColor(0xd0, 0xd0, 0xd0));
    p.drawLine(strip.topLeft(), strip.topRight());

    // The clock, the playback speed and the latest events.
    QFont clock = p.font();
    clock.setPixelSize(30);
    clock.setBold(true);
    p.setFont(clock);
    p.setPen(QColor(0x20, 0x20, 0x20));
    const int left = strip.left() + 16;
    const int textWidth = strip.width() - m_chartSize.width() - 40;
    p.drawText(QRect(left, strip.top() + 10, textWidth, 40), Qt::AlignLeft | Qt::AlignVCenter,
               formatClock(seconds));
    QFont small = p.font();
    small.setPixelSize(13);
    small.setBold(false);
    p.setFont(small);
    p.setPen(QColor(0x60, 0x60, 0x60));
    p.drawText(QRect(left, strip.top() + 52, textWidth, 18), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("virtual time, played at %1×").arg(m_clip.speed, 0, 'g', 3));
    std::vector<const timeline::Sentence*> recent;
    for (const timeline::Sentence& sentence : m_sentences) {
        if (sentence.seconds > seconds)
            break;
        if (sentence.seconds >= seconds - kRecentSeconds)
            recent.push_back(&sentence);
    }
    if (recent.size() > std::size_t(kSentencesShown))
        recent.erase(recent.begin(), recent.end() - kSentencesShown);
    const QFontMetrics metrics(small);
    int y = strip.top() + 80;
    for (const timeline::Sentence* sentence : recent) {
        p.setPen(QColor(0x20, 0x20, 0x20));
        const QString line = QStringLiteral("%1  %2").arg(formatClock(sentence->seconds),
                                                          QString::fromStdString(sentence->text));
        p.drawText(QRect(left, y, textWidth, 20), Qt::AlignLeft | Qt::AlignVCenter,
                   metrics.elidedText(line, Qt::ElideRight, textWidth));
        y += 22;
    }

    // The key chart, with a cursor at the moment shown.
    const QPoint chartAt(strip.right() - m_chartSize.width() - 8, strip.top() + 4);
    p.drawImage(chartAt, m_chart);
    const QRectF plot = m_chartSource->plotArea(m_chartSize).translated(chartAt);
    const double x = chartAt.x() + m_chartSource->xOf(m_chartSize, seconds);
    p.setPen(QPen(QColor(0x3a, 0x6f, 0xd8), 2));
    p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
}

std::string writeRunVideo(const design::Design& design, const design::DescriptorCatalog& catalog,
                          const timeline::Timeline& timeline, const timeline::Clip& clip,
                          video::Format format, double scale, const std::string& path,
                          const std::function<bool(double done)>& progress) {
    if (timeline.samples() == 0)
        return "the run recorded no samples to animate";
    if (const std::string problem = clip.problem(RunAnimation::runSeconds(timeline));
        !problem.empty())
        return problem;
    RunAnimation animation(design, catalog, timeline, clip, scale);
    const QSize size = animation.frameSize();
    if (size.width() > video::VideoEncoder::kMaxSide ||
        size.height() > video::VideoEncoder::kMaxSide)
        return "the frames would be " + std::to_string(size.width()) + " x " +
               std::to_string(size.height()) + " pixels, more than " +
               std::to_string(video::VideoEncoder::kMaxSide) +
               " a side: use a smaller scale (--scale)";
    try {
        video::VideoEncoder encoder(path, {format, size.width(), size.height(), clip.fps});
        for (int i = 0; i < animation.frameCount(); ++i) {
            if (progress && !progress(double(i) / animation.frameCount()))
                return reports::RunReport::kCancelled; // the encoder removes its temporary file
            const QImage image = animation.frame(i);
            encoder.addFrame(image.constBits(), int(image.bytesPerLine()));
        }
        encoder.finish();
        if (progress)
            progress(1.0);
    } catch (const video::VideoError& e) {
        return e.what();
    }
    return {};
}

} // namespace sb::gui
