// Frame times of the live window: a 300-node design (ten clusters of clients, a load
// balancer, 26 web servers, a primary and a replica) offered 100,000 requests per
// virtual second, paced at 1x, while the canvas animates traffic and the docks stream
// charts. Each frame is everything the GUI thread does between two 60 Hz ticks: taking
// the engine's snapshots, the timers due (animation, charts, health matrix) and the
// painting they cause; half the time with the whole design in view, half zoomed in on
// one cluster. Prints the distributions, and the longest the GUI thread spent in the
// hand-over with the engine (it never waits for the engine's work).
//
//   bench_gui_live [seconds=20]        (runs on the offscreen platform unless told otherwise)
#include "components/registry/ComponentRegistry.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/LiveCanvas.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/live/RunBar.h"
#include "gui/live/TrafficLayer.h"
#include "gui/window/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace sb;
using namespace sb::gui;

namespace {

constexpr int kClusters = 10;
constexpr int kWebPerCluster = 26;
constexpr double kRatePerCluster = 10000; // 100k req/s in all

design::Design largeDesign() {
    design::Design d;
    d.name = "300 nodes, 100k req/s";
    auto node = [&](std::string id, std::string kind, double x, double y, nlohmann::json props) {
        design::Node n;
        n.id.value = std::move(id);
        n.kind = std::move(kind);
        n.x = x;
        n.y = y;
        n.props = std::move(props);
        d.nodes.push_back(std::move(n));
    };
    auto link = [&](const std::string& from, const std::string& to) {
        d.links.push_back({{from}, {to}, nlohmann::json::object()});
    };
    for (int c = 0; c < kClusters; ++c) {
        const std::string k = std::to_string(c);
        // Clusters in a 5 x 2 grid; each has its web servers in two columns.
        const double x0 = (c % 5) * 1150.0;
        const double y0 = (c / 5) * 1050.0;
        node("users" + k, "clients", x0, y0 + 450,
             {{"rate_rps", kRatePerCluster},
              {"mix", {{"read", 0.9}, {"write", 0.1}, {"static", 0.0}}}});
        node("lb" + k, "load_balancer", x0 + 200, y0 + 450, nlohmann::json::object());
        node("db" + k, "db_primary", x0 + 880, y0 + 250, {{"workers", 64}, {"write_ms", 2}});
        node("replica" + k, "db_replica", x0 + 880, y0 + 650, {{"workers", 128}, {"read_ms", 1}});
        link("users" + k, "lb" + k);
        link("db" + k, "replica" + k);
        for (int w = 0; w < kWebPerCluster; ++w) {
            const std::string web = "web" + k + "_" + std::to_string(w);
            node(web, "web_server", x0 + 420 + (w % 2) * 220, y0 + (w / 2) * 75.0,
                 {{"workers", 16}, {"service_ms", 2}});
            link("lb" + k, web);
            link(web, "db" + k);
            link(web, "replica" + k);
        }
    }
    return d;
}

double quantile(std::vector<double> v, double q) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
}

/// Frames at 60 Hz for `seconds`: each is the drain of the engine's snapshots, then the
/// event loop: the timers due (animation, charts, health) and the painting they cause.
void measure(MainWindow& window, double seconds, const QString& what) {
    LiveRun& run = window.live()->run();
    std::vector<double> frames, drains, timers, paints;
    int dots = 0;
    QElapsedTimer wall;
    wall.start();
    const double frameMs = 1000.0 / 60;
    double nextFrame = 0;
    while (wall.elapsed() < seconds * 1000 && run.isActive()) {
        QElapsedTimer frame;
        frame.start();
        run.drain();
        const double drained = double(frame.nsecsElapsed()) / 1e6;
        QCoreApplication::processEvents();
        const double processed = double(frame.nsecsElapsed()) / 1e6;
        QCoreApplication::sendPostedEvents(); // paints what the timers made dirty
        frames.push_back(double(frame.nsecsElapsed()) / 1e6);
        drains.push_back(drained);
        timers.push_back(processed - drained);
        paints.push_back(frames.back() - processed);
        dots = std::max(dots, window.live()->canvas()->traffic()->dotCount());
        nextFrame += frameMs;
        const double wait = nextFrame - double(wall.nsecsElapsed()) / 1e6;
        if (wait > 0)
            QThread::usleep((unsigned long)(wait * 1000));
    }
    const double wallS = double(wall.elapsed()) / 1000;
    std::printf("  %s (zoom %.2f, %d dots):\n", qPrintable(what), window.view().zoom(), dots);
    std::printf("    %zu frames, %.1f per second (60 asked); frame time ms p50 %.2f  p90 %.2f  "
                "p99 %.2f  max %.2f\n",
                frames.size(), double(frames.size()) / wallS, quantile(frames, 0.5),
                quantile(frames, 0.9), quantile(frames, 0.99), quantile(frames, 1.0));
    std::printf("    of which p50/p99 ms: snapshots %.2f/%.2f, timers and painting %.2f/%.2f, "
                "late paints %.2f/%.2f\n",
                quantile(drains, 0.5), quantile(drains, 0.99), quantile(timers, 0.5),
                quantile(timers, 0.99), quantile(paints, 0.5), quantile(paints, 0.99));
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 20.0;

    MainWindow window(comp::ComponentRegistry::builtin());
    window.resize(1600, 1000);
    window.show();
    const design::Design design = largeDesign();
    window.document().reset(design);
    window.showWelcome(false);
    window.view().fitToDesign();
    LiveSession& live = *window.live();
    emu::RunSettings settings;
    settings.durationSeconds = seconds + 10;
    settings.seed = 1;
    live.runBar()->showSettings(settings);
    live.runBar()->setSpeed(1);
    if (!live.play()) {
        std::fprintf(stderr, "the design did not start\n");
        return 1;
    }

    std::printf("live window, %zu nodes, %zu links, paced at 1x\n", design.nodes.size(),
                design.links.size());
    // The first second (the cards' live layers being made) is left out.
    QElapsedTimer startUp;
    startUp.start();
    while (startUp.elapsed() < 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 16);
    measure(window, seconds / 2, QStringLiteral("whole design in view"));
    window.view().setZoom(0.6);
    window.view().centerOn(window.scene().nodeItem(design::NodeId{"lb0"}));
    measure(window, seconds / 2, QStringLiteral("zoomed to 60% on one cluster"));

    const emu::SnapshotPtr last = live.run().latest();
    const RunRecord& record = live.run().record();
    auto meanOfLast = [&](const char* name) {
        const int column = record.column(name);
        if (column < 0 || record.rows() < 20)
            return 0.0;
        const auto& v = record.values[std::size_t(column)];
        double sum = 0;
        for (std::size_t r = v.size() - 20; r < v.size(); ++r)
            sum += v[r];
        return sum / 20;
    };
    std::printf("  GUI side of the snapshot hand-over: longest %.3f ms\n",
                live.run().longestHandOverMs());
    if (last)
        std::printf("  engine: %.2f virtual s in %.2f wall s, %.0f ms behind the 1x clock; "
                    "%.0f req/s offered, %.0f req/s served (last 2 s)\n",
                    emu::toSeconds(last->now), last->wallSeconds, last->behindMs,
                    meanOfLast("offered_rps"), meanOfLast("throughput_rps"));
    live.run().stop();
    return 0;
}
