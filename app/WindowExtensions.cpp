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
#include <QStatusBar>

namespace sb::app {

namespace {

/// The extension docks on the right share the review's tab group; the review stays in front.
/// Docks a menu command opens start hidden, so the group keeps tabs a laptop's width can
/// name (View > Panels and their command show them).
enum class Shown { AsTab, FromMenu };
void besideReview(gui::MainWindow& window, QDockWidget* dock, Shown shown = Shown::AsTab) {
    window.addDock(dock, Qt::RightDockWidgetArea);
    if (auto* review = window.findChild<gui::ReviewDock*>()) {
        window.tabifyDockWidget(review, dock);
        review->raise();
    }
    if (shown == Shown::FromMenu)
        dock->hide();
}

/// A Tools or Help menu command that shows a dock.
QAction* showDockAction(QDockWidget* dock, const QString& text, const char* name,
                        const QString& tip) {
    auto* action = new QAction(text, dock);
    action->setObjectName(QString::fromLatin1(name));
    action->setStatusTip(tip);
    QObject::connect(action, &QAction::triggered, dock, [dock] {
        dock->show();
        dock->raise();
    });
    return action;
}

/// The design review; choosing a finding's node centres the canvas on it.
void addReview(gui::MainWindow& window) {
    auto* review = new gui::ReviewDock(window.document(), &window);
    window.addDock(review, Qt::RightDockWidgetArea);
    QObject::connect(review, &gui::ReviewDock::nodeChosen, &window, [&window](const QString& id) {
        if (gui::NodeItem* item = window.scene().nodeItem(design::NodeId{id.toStdString()}))
            window.view().centerOn(item);
    });
}

/// The runs kept in the workspace, and the Replay dock under the canvas that scrubs one
/// with its timeline, or the live run.
void addRunsAndReplay(gui::MainWindow& window) {
    auto* history = new gui::RunHistoryDock(window.document(), &window);
    besideReview(window, history);
    auto* replay = new gui::ReplayDock(*window.live(), &window);
    window.addDock(replay, Qt::BottomDockWidgetArea);
    QObject::connect(history, &gui::RunHistoryDock::replayRequested, replay,
                     [replay, &window](std::shared_ptr<const timeline::Timeline> recorded,
                                       const QString& label) {
                         replay->showStored(std::move(recorded), label, window.document().design());
                         replay->raise();
                     });
}

/// Practice mode, the progress of its attempts (Tools > Practice progress…) and the
/// back-of-the-envelope calculator on its own, outside practice (Tools).
void addPractice(gui::MainWindow& window) {
    auto* practiceDock = new gui::PracticeDock(window.document(), &window);
    besideReview(window, practiceDock);
    auto* progress = new gui::ProgressDock(window.document(), &window);
    besideReview(window, progress, Shown::FromMenu);
    QObject::connect(practiceDock, &gui::PracticeDock::attemptRecorded, progress,
                     &gui::ProgressDock::refresh);

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
    tools->addAction(showDockAction(progress, QObject::tr("&Practice progress…"),
                                    "actionPracticeProgress",
                                    QObject::tr("The practice attempts kept in this workspace: "
                                                "best score, last result, time taken, targets "
                                                "missed")));
}

/// Help > Guided path: the scaling path's steps as lessons, beside the Practice dock.
void addLessons(gui::MainWindow& window) {
    auto* lessons = new gui::LessonsDock(window);
    besideReview(window, lessons, Shown::FromMenu);
    window.helpMenu()->insertAction(
        window.action(QStringLiteral("actionAbout")),
        showDockAction(lessons, QObject::tr("&Guided path…"), "actionGuidedPath",
                       QObject::tr("The scaling path's eleven steps as lessons: a briefing, "
                                   "goals, the run and its debrief")));
}

void addExperiments(gui::MainWindow& window) {
    besideReview(window, new gui::ExperimentsDock(window.document(), window.scene(),
                                                  *window.inspector()->form(), &window));
}

/// File > Export; every run from the Run button or the Experiments dock is kept in the
/// workspace's run history too.
void addExports(gui::MainWindow& window) {
    auto* exports = new gui::ExportActions(window);
    if (auto* history = window.findChild<gui::RunHistoryDock*>())
        QObject::connect(exports, &gui::ExportActions::runStored, history,
                         &gui::RunHistoryDock::refresh);
    if (auto* experiments = window.findChild<gui::ExperimentsDock*>())
        QObject::connect(experiments, &gui::ExperimentsDock::runReady, exports,
                         [exports](const emu::RunResult& result) { exports->keepRun(result); });
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
}

/// The open design's estimated monthly cost in the status bar, from the illustrative price
/// table.
void addCostLabel(gui::MainWindow& window) {
    auto* cost = new QLabel(&window);
    cost->setObjectName(QStringLiteral("costLabel"));
    cost->setToolTip(QString::fromStdString(practice::builtinPrices().note));
    window.statusBar()->addPermanentWidget(cost);
    auto showCost = [&window, cost] {
        const practice::CostEstimate e = practice::estimateCost(
            window.document().design(), practice::builtinPrices(), window.document().catalog());
        cost->setText(
            QObject::tr("Cost (estimate): %1 %2/month")
                .arg(QString::number(e.totalMonthly, 'f', 0), QString::fromStdString(e.currency)));
    };
    QObject::connect(&window.document(), &gui::DesignDocument::problemsChanged, cost, showCost);
    showCost();
}

} // namespace

void installWindowExtensions() {
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    // In this order: the docks tab with the review, which comes first; the exports connect
    // to the run history and the Experiments dock added before them.
    for (const auto extension : {addReview, addRunsAndReplay, addPractice, addLessons,
                                 addExperiments, addExports, addCostLabel})
        gui::MainWindow::addExtension(extension);
}

} // namespace sb::app
