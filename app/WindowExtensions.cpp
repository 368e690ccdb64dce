#include "app/WindowExtensions.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/DesignDocument.h"
#include "gui/experiments/ExperimentsDock.h"
#include "gui/exports/ExportActions.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/panels/InspectorDock.h"
#include "gui/practice/EnvelopeDialog.h"
#include "gui/practice/LessonsDock.h"
#include "gui/practice/PracticeDock.h"
#include "gui/practice/ProgressDock.h"
#include "gui/replay/ReplayDock.h"
#include "gui/review/ReviewDock.h"
#include "gui/runs/RunHistoryDock.h"
#include "gui/window/MainWindow.h"
#include "practice/Cost.h"

#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace sb::app {

void installWindowExtensions() {
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    gui::MainWindow::addExtension([](gui::MainWindow& window) {
        auto* review = new gui::ReviewDock(window.document(), &window);
        window.addDock(review, Qt::RightDockWidgetArea);
        QObject::connect(
            review, &gui::ReviewDock::nodeChosen, &window, [&window](const QString& id) {
                if (gui::NodeItem* item = window.scene().nodeItem(design::NodeId{id.toStdString()}))
                    window.view().centerOn(item);
            });
        auto* history = new gui::RunHistoryDock(window.document(), &window);
        window.addDock(history, Qt::RightDockWidgetArea);
        window.tabifyDockWidget(review, history);
        auto* practiceDock = new gui::PracticeDock(window.document(), &window);
        window.addDock(practiceDock, Qt::RightDockWidgetArea);
        window.tabifyDockWidget(review, practiceDock);
        auto* experiments = new gui::ExperimentsDock(window.document(), window.scene(),
                                                     *window.inspector()->form(), &window);
        window.addDock(experiments, Qt::RightDockWidgetArea);
        window.tabifyDockWidget(review, experiments);
        review->raise();
        // The open design's estimated monthly cost, from the illustrative price table.
        auto* cost = new QLabel(&window);
        cost->setObjectName(QStringLiteral("costLabel"));
        cost->setToolTip(QString::fromStdString(practice::builtinPrices().note));
        window.statusBar()->addPermanentWidget(cost);
        auto showCost = [&window, cost] {
            const practice::CostEstimate e = practice::estimateCost(
                window.document().design(), practice::builtinPrices(), window.document().catalog());
            cost->setText(QObject::tr("Cost (estimate): %1 %2/month")
                              .arg(QString::number(e.totalMonthly, 'f', 0),
                                   QString::fromStdString(e.currency)));
        };
        QObject::connect(&window.document(), &gui::DesignDocument::problemsChanged, cost, showCost);
        showCost();

        auto* replay = new gui::ReplayDock(*window.live(), &window);
        window.addDock(replay, Qt::BottomDockWidgetArea);
        // A stored run with its timeline is scrubbed in the Replay dock.
        QObject::connect(history, &gui::RunHistoryDock::replayRequested, replay,
                         [replay, &window](std::shared_ptr<const timeline::Timeline> recorded,
                                           const QString& label) {
                             replay->showStored(std::move(recorded), label,
                                                window.document().design());
                             replay->raise();
                         });

        auto* exports = new gui::ExportActions(window);
        QObject::connect(exports, &gui::ExportActions::runStored, history,
                         &gui::RunHistoryDock::refresh);
        QObject::connect(experiments, &gui::ExperimentsDock::runReady, exports,
                         [exports](const emu::RunResult& result) { exports->keepRun(result); });
        // Every run from the Run button is kept in the workspace's history too.
        gui::LiveRun& live = window.live()->run();
        QObject::connect(&live, &gui::LiveRun::finished, exports, [exports, &live] {
            if (live.result() && live.result()->error.empty()) {
                const timeline::Timeline recorded = live.recorder()->timeline();
                exports->keepRun(*live.result(), &recorded);
            }
        });
        // Tools > Back-of-the-envelope: the estimate calculator on its own, outside practice.
        QMenu* tools = window.toolsMenu();
        QAction* envelope = tools->addAction(QObject::tr("Back-of-the-&envelope…"));
        envelope->setObjectName(QStringLiteral("actionEnvelope"));
        envelope->setStatusTip(QObject::tr("Estimate QPS, storage, bandwidth, cache memory and "
                                           "servers, and check your own estimates"));
        QObject::connect(envelope, &QAction::triggered, &window, [&window] {
            auto* dialog = window.findChild<gui::EnvelopeDialog*>(QStringLiteral("envelopeDialog"));
            if (!dialog)
                dialog = new gui::EnvelopeDialog(&window);
            dialog->show();
            dialog->raise();
            dialog->activateWindow();
        });
        // Tools > Practice progress: the attempts kept in the workspace, by problem.
        auto* progress = new gui::ProgressDock(window.document(), &window);
        window.addDock(progress, Qt::RightDockWidgetArea);
        window.tabifyDockWidget(review, progress);
        QObject::connect(practiceDock, &gui::PracticeDock::attemptRecorded, progress,
                         &gui::ProgressDock::refresh);
        QAction* showProgress = tools->addAction(QObject::tr("&Practice progress…"));
        showProgress->setObjectName(QStringLiteral("actionPracticeProgress"));
        showProgress->setStatusTip(QObject::tr("The practice attempts kept in this workspace: "
                                               "best score, last result, time taken, targets "
                                               "missed"));
        QObject::connect(showProgress, &QAction::triggered, progress, [progress] {
            progress->show();
            progress->raise();
        });

        // Help > Guided path: the eleven steps as lessons, beside the Practice dock.
        auto* lessons = new gui::LessonsDock(window);
        window.addDock(lessons, Qt::RightDockWidgetArea);
        window.tabifyDockWidget(review, lessons);
        review->raise();
        QAction* guided = new QAction(QObject::tr("&Guided path…"), lessons);
        guided->setObjectName(QStringLiteral("actionGuidedPath"));
        guided->setStatusTip(QObject::tr("The scaling path's eleven steps as lessons: a "
                                         "briefing, goals, the run and its debrief"));
        QObject::connect(guided, &QAction::triggered, lessons, [lessons] {
            lessons->show();
            lessons->raise();
        });
        window.helpMenu()->insertAction(window.action(QStringLiteral("actionAbout")), guided);

        QAction* before = window.action(QStringLiteral("actionWelcome"));
        window.fileMenu()->insertMenu(before, exports->menu());
        window.fileMenu()->insertSeparator(before);
    });
}

} // namespace sb::app
