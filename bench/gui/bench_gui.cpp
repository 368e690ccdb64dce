// Designer canvas benchmarks on a 300-node / 600-link design: building the scene from the
// document (what opening a file costs), rendering one full frame of the view, and moving
// a node (one undo command, its links re-routed). Runs on the offscreen platform.
#include "components/registry/ComponentRegistry.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/document/DesignDocument.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <benchmark/benchmark.h>

using namespace sb;
using namespace sb::gui;

namespace {

design::Design largeDesign() {
    design::Design d;
    d.name = "300 nodes";
    for (int i = 0; i < 300; ++i) {
        design::Node n;
        const bool source = i % 10 == 0;
        n.id.value = (source ? "clients" : "web") + std::to_string(i);
        n.kind = source ? "clients" : "web_server";
        n.label = "Node " + std::to_string(i);
        n.x = (i % 20) * 220.0;
        n.y = (i / 20) * 120.0;
        d.nodes.push_back(n);
    }
    for (int i = 0; i < 300; ++i)
        for (int step : {1, 7})
            d.links.push_back({d.nodes[size_t(i)].id, d.nodes[size_t((i + step) % 300)].id,
                               nlohmann::json::object()});
    return d;
}

void openDesign(benchmark::State& state) {
    const design::Design design = largeDesign();
    DesignDocument document(comp::ComponentRegistry::builtin());
    DesignScene scene(document);
    for (auto _ : state) {
        document.reset(design);
        QCoreApplication::processEvents(); // validation badges
        benchmark::DoNotOptimize(scene.items().size());
    }
}
BENCHMARK(openDesign)->Unit(benchmark::kMillisecond);

void renderFrame(benchmark::State& state) {
    DesignDocument document(comp::ComponentRegistry::builtin());
    document.reset(largeDesign());
    DesignScene scene(document);
    DesignView view(&scene);
    view.resize(1600, 1000);
    view.setZoom(state.range(0) / 100.0);
    view.centerOn(scene.designBounds().center());
    QImage frame(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        QPainter painter(&frame);
        view.render(&painter);
    }
    state.SetLabel("zoom " + std::to_string(state.range(0)) + "%");
}
BENCHMARK(renderFrame)->Arg(100)->Arg(25)->Unit(benchmark::kMillisecond);

void moveNode(benchmark::State& state) {
    DesignDocument document(comp::ComponentRegistry::builtin());
    document.reset(largeDesign());
    DesignScene scene(document);
    const design::NodeId id = document.design().nodes[150].id;
    double x = 0;
    for (auto _ : state) {
        x += 20;
        document.undoStack().push(
            new MoveNodesCommand(document, {{id, {QPointF(x - 20, 0), QPointF(x, 0)}}}, 1));
    }
}
BENCHMARK(moveNode)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
