// Frame times of the live window: a 300-node design (ten clusters of clients, a load
// balancer, 26 web servers, a primary and a replica) offered 100,000 requests per
// virtual second, paced at 1x, while the canvas animates traffic and the docks stream
// charts. Each frame is everything the GUI thread does between two 60 Hz ticks: taking
// the engine's snapshots, the timers due (animation, charts, health matrix) and a full
// repaint of the canvas. Prints the distribution; the GUI thread never waits on the engine
// (the longest hand-over is printed too).
//
//   bench_gui_live [seconds=10]        (runs on the offscreen platform unless told otherwise)
#include "components/registry/ComponentRegistry.h"
#include "gui/canvas/DesignView.h"
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
        const double y0 = c * 760.0;
        node("users" + k, "clients", 0, y0 + 360,
             {{"rate_rps", kRatePerCluster},
              {"mix", {{"read", 0.9}, {"write", 0.1}, {"static", 0.0}}}});
        node("lb" + k, "load_balancer", 260, y0 + 360, nlohmann::json::object());
        node("db" + k, "db_primary", 820, y0 + 200, {{"workers", 64}, {"write_ms", 2}});
        node("replica" + k, "db_replica", 820, y0 + 520, {{"workers", 128}, {"read_ms", 1}});
        link("users" + k, "lb" + k);
        link("db" + k, "replica" + k);
        for (int w = 0; w < kWebPerCluster; ++w) {
            const std::string web = "web" + k + "_" + std::to_string(w);
            node(web, "web_server", 540, y0 + w * 28.0, {{"workers", 16}, {"service_ms", 2}});
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

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 10.0;

    MainWindow window(comp::ComponentRegistry::builtin());
    window.resize(1600, 1000);
    window.show();
    const design::Design design = largeDesign();
    window.document().reset(design);
    window.showWelcome(false);
    window.view().fitToDesign();
    LiveSession& live = *window.live();
    emu::RunSettings settings;
    settings.durationSeconds = seconds + 5;
    settings.seed = 1;
    live.runBar()->showSettings(settings);
    live.runBar()->setSpeed(1);
    if (!live.play()) {
        std::fprintf(stderr, "the design did not start\n");
        return 1;
    }

    std::vector<double> frames, handOvers;
    int dots = 0;
    QElapsedTimer wall;
    wall.start();
    const double frameMs = 1000.0 / 60;
    double nextFrame = 0;
    while (wall.elapsed() < seconds * 1000 && live.run().isActive()) {
        QElapsedTimer frame;
        frame.start();
        live.run().drain();
        handOvers.push_back(double(frame.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents();
        window.view().viewport()->repaint();
        frames.push_back(double(frame.nsecsElapsed()) / 1e6);
        dots = std::max(dots, live.canvas()->traffic()->dotCount());
        nextFrame += frameMs;
        const double wait = nextFrame - double(wall.nsecsElapsed()) / 1e6;
        if (wait > 0)
            QThread::usleep((unsigned long)(wait * 1000));
    }
    const double wallS = double(wall.elapsed()) / 1000;
    const emu::SnapshotPtr last = live.run().latest();
    const RunRecord& record = live.run().record();
    const int served = record.column("throughput_rps");
    const int offered = record.column("offered_rps");
    auto meanOf = [&](int column) {
        if (column < 0 || record.rows() < 20)
            return 0.0;
        const auto& v = record.values[std::size_t(column)];
        double s = 0;
        for (std::size_t r = v.size() - 20; r < v.size(); ++r)
            s += v[r];
        return s / 20;
    };
    live.run().stop();

    std::printf("live window, %zu nodes, %zu links, paced at 1x, %.1f s of wall time\n",
                design.nodes.size(), design.links.size(), wallS);
    std::printf("  frames             %zu (%.1f per second; 60 asked)\n", frames.size(),
                double(frames.size()) / wallS);
    std::printf("  frame time ms      p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
                quantile(frames, 0.5), quantile(frames, 0.9), quantile(frames, 0.99),
                quantile(frames, 1.0));
    std::printf("  snapshot hand-over p50 %.3f  p99 %.3f  max %.3f ms (GUI side)\n",
                quantile(handOvers, 0.5), quantile(handOvers, 0.99), quantile(handOvers, 1.0));
    std::printf("  traffic dots       up to %d drawn\n", dots);
    if (last)
        std::printf(
            "  engine             virtual %.2f s in %.2f s wall, behind the 1x clock by %.0f ms; "
            "%.0f req/s offered, %.0f req/s served (last 2 s)\n",
            emu::toSeconds(last->now), last->wallSeconds, last->behindMs, meanOf(offered),
            meanOf(served));
    return 0;
}
