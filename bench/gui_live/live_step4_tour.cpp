// The step-4 screenshot tour: the replication template runs live, the primary is failed
// from its context menu, and the window is captured (ImageMagick's `import -window root`)
// at each moment: steady traffic, the menu, the primary down, the promotion, and the
// charts' reaction. The run pauses for each capture, so the picture matches the clock.
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" bench_gui_live_tour OUTPUT_DIR
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/ChartsDock.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/live/RunBar.h"
#include "gui/window/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMenu>
#include <QProcess>
#include <QTimer>
#include <cstdio>
#include <functional>

using namespace sb;
using namespace sb::gui;

namespace {

void waitFor(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

void settle(int ms) {
    waitFor([] { return false; }, ms);
}

bool capture(const QString& path) {
    const int code = QProcess::execute(QStringLiteral("import"),
                                       {QStringLiteral("-window"), QStringLiteral("root"), path});
    std::printf("%s %s\n", code == 0 ? "wrote" : "FAILED", qPrintable(path));
    return code == 0;
}

bool hasEvent(const LiveRun& run, const char* kind) {
    for (const auto& e : run.record().events)
        if (e.kind == kind)
            return true;
    return false;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(out);
    auto loaded =
        design::readDesignFile(SCALEBOARD_SOURCE_DIR "/resources/templates/step04-replication.json",
                               comp::ComponentRegistry::builtin());
    if (!loaded.ok()) {
        std::fprintf(stderr, "cannot read the step-4 template\n");
        return 1;
    }
    design::Design design = *loaded.design;
    design.faults.clear(); // the primary is failed from its context menu instead

    MainWindow window(comp::ComponentRegistry::builtin());
    window.setGeometry(0, 0, 1600, 1000);
    window.show();
    window.document().reset(design);
    window.showWelcome(false);
    LiveSession& live = *window.live();
    LiveRun& run = live.run();
    emu::RunSettings settings;
    settings.durationSeconds = 90;
    settings.seed = 1;
    live.runBar()->showSettings(settings);
    live.runBar()->setSpeed(2);
    live.play();
    window.action(QStringLiteral("actionMiniMap"))->trigger(); // the whole design is in view
    settle(500);
    window.view().fitToDesign();
    auto shoot = [&](const char* name) {
        run.pause();
        waitFor([&] { return run.isPaused(); }, 3000);
        live.charts()->flush();
        settle(250);
        const bool ok = capture(out + QStringLiteral("/live-step4-") + QLatin1String(name) +
                                QStringLiteral(".png"));
        run.resume();
        return ok;
    };

    waitFor([&] { return run.clockSeconds() >= 20; }, 60000);
    shoot("1-steady");

    NodeItem* primary = window.scene().nodeItem(design::NodeId{"db"});
    QMenu menu(&window);
    window.populateCanvasMenu(&menu, primary->scenePos());
    QAction* fail = menu.findChild<QAction*>(QStringLiteral("actionLiveFail"));
    run.pause();
    waitFor([&] { return run.isPaused(); }, 3000);
    menu.popup(window.view().viewport()->mapToGlobal(
        window.view().mapFromScene(primary->scenePos() + QPointF(20, 10))));
    menu.setActiveAction(fail);
    settle(400);
    capture(out + QStringLiteral("/live-step4-2-fail-menu.png"));
    menu.hide();
    run.resume();
    fail->trigger();

    waitFor([&] { return hasEvent(run, "node_failed"); }, 10000);
    waitFor([&] { return false; }, 1800); // writes start failing
    shoot("3-primary-down");

    waitFor([&] { return hasEvent(run, "promoted"); }, 30000);
    shoot("4-promoted");

    const double promotedAt = run.clockSeconds();
    waitFor([&] { return run.clockSeconds() >= promotedAt + 14; }, 30000);
    shoot("5-charts-react");
    run.stop();
    waitFor([&] { return !run.isActive(); }, 5000);
    return 0;
}
