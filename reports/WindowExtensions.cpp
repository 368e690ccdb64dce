#include "reports/WindowExtensions.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/NodeItem.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/window/MainWindow.h"
#include "reports/ExportActions.h"
#include "reports/PracticeDock.h"
#include "reports/ReplayDock.h"
#include "reports/ReviewDock.h"
#include "reports/RunHistoryDock.h"

#include <QMenu>

namespace sb::reports {

void installWindowExtensions() {
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    gui::MainWindow::addExtension([](gui::MainWindow& window) {
        auto* review = new ReviewDock(window.document(), &window);
        window.addDock(review, Qt::RightDockWidgetArea);
        QObject::connect(review, &ReviewDock::nodeChosen, &window, [&window](const QString& id) {
            if (gui::NodeItem* item = window.scene().nodeItem(design::NodeId{id.toStdString()}))
                window.view().centerOn(item);
        });
        auto* history = new RunHistoryDock(window.document(), &window);
        window.addDock(history, Qt::RightDockWidgetArea);
        window.tabifyDockWidget(review, history);
        auto* practice = new PracticeDock(window.document(), &window);
        window.addDock(practice, Qt::RightDockWidgetArea);
        window.tabifyDockWidget(review, practice);
        review->raise();

        window.addDock(new ReplayDock(*window.live(), &window), Qt::BottomDockWidgetArea);

        auto* exports = new ExportActions(window);
        QObject::connect(exports, &ExportActions::runStored, history, &RunHistoryDock::refresh);
        // Every run from the Run button is kept in the workspace's history too.
        gui::LiveRun& live = window.live()->run();
        QObject::connect(&live, &gui::LiveRun::finished, exports, [exports, &live] {
            if (live.result() && live.result()->error.empty()) {
                const timeline::Timeline recorded = live.recorder()->timeline();
                exports->keepRun(*live.result(), &recorded);
            }
        });
        QAction* before = window.action(QStringLiteral("actionWelcome"));
        window.fileMenu()->insertMenu(before, exports->menu());
        window.fileMenu()->insertSeparator(before);
    });
}

} // namespace sb::reports
