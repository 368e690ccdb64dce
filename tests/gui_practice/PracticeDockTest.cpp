// The practice dock in the window, offscreen: pick a problem and read it, the countdown's
// warnings (advanced by hand, never by the wall clock), hints one at a time, and Evaluate
// on the open design: the single server fails the news feed, its reference design passes.
// In a workspace each evaluated attempt is kept, with the time taken on the clock, and the
// Practice progress dock (Tools > Practice progress…) lists it.
#include "gui/practice/PracticeDock.h"
#include "app/WindowExtensions.h"
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "gui/document/DesignDocument.h"
#include "gui/practice/ProgressDock.h"
#include "gui/window/DesignFiles.h"
#include "gui/window/MainWindow.h"
#include "practice/Problem.h"
#include "review/ScalingPath.h"
#include "workspace/WorkspaceFile.h"

#include <QAction>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using namespace sb;

class PracticeDockTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { app::installWindowExtensions(); }

    void pickReadAndTime() {
        gui::MainWindow window(comp::ComponentRegistry::builtin());
        auto* dock = window.findChild<gui::PracticeDock*>(QStringLiteral("practiceDock"));
        QVERIFY(dock);
        QVERIFY(!dock->choose(QStringLiteral("no-such-problem")));
        QVERIFY(dock->choose(QStringLiteral("news-feed")));
        QCOMPARE(dock->problem()->id, std::string("news-feed"));
        const QString statement =
            window.findChild<QTextBrowser*>(QStringLiteral("practiceStatement"))->toPlainText();
        QVERIFY(statement.contains(QStringLiteral("News feed")));
        QVERIFY(statement.contains(QStringLiteral("2778 req/s")));
        QVERIFY(statement.contains(QStringLiteral("a web server fails")));

        dock->startClock(30);
        QCOMPARE(dock->secondsLeft(), 1800);
        QCOMPARE(dock->clockText(), QStringLiteral("30:00 left"));
        dock->advance(1200);
        QCOMPARE(dock->clockText(), QStringLiteral("10:00 left: ten minutes to go"));
        dock->advance(300);
        QVERIFY(dock->clockText().endsWith(QStringLiteral("five minutes to go")));
        dock->advance(241);
        QCOMPARE(dock->clockText(), QStringLiteral("00:59 left: one minute to go"));
        dock->advance(100);
        QCOMPARE(dock->secondsLeft(), 0);
        QCOMPARE(dock->timeTaken(), 1800); // the clock's time, not the 1941 s advanced
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("practiceClock"))
                    ->text()
                    .startsWith(QStringLiteral("00:00")));

        QCOMPARE(dock->hintsShown(), 0);
        QVERIFY(dock->showHint() && dock->showHint() && dock->showHint());
        QVERIFY(!dock->showHint());
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("practiceHints"))
                    ->text()
                    .contains(QStringLiteral("Hint 3.")));
        // The candidate's estimates against the computed envelope: 30e6 x 4 / 86400 = 1389
        // average, 2778 at the peak.
        QVERIFY(dock->setEstimate(QStringLiteral("average_qps"), QStringLiteral("1389")));
        QVERIFY(dock->setEstimate(QStringLiteral("peak_qps"), QStringLiteral("5556")));
        QVERIFY(dock->setEstimate(QStringLiteral("servers"), QStringLiteral("lots")));
        QVERIFY(!dock->setEstimate(QStringLiteral("colour"), QStringLiteral("1")));
        const auto checks = dock->checkEstimates();
        QCOMPARE(checks.size(), std::size_t{2});
        QVERIFY(std::abs(checks[0].factorOff - 1) < 1e-3);
        QVERIFY(std::abs(checks[1].factorOff - 2) < 1e-3);
        const QString said =
            window.findChild<QLabel*>(QStringLiteral("practiceEstimateResult"))->text();
        QVERIFY(said.contains(QStringLiteral("off by a factor of 2.00")));
        QVERIFY(said.contains(QStringLiteral("Not a number of 0 or more: lots")));

        QVERIFY(dock->choose(QStringLiteral("chat"))); // a new problem hides the hints
        QCOMPARE(dock->hintsShown(), 0);
        QCOMPARE(dock->timeTaken(), 0);          // and starts a new attempt
        QVERIFY(dock->checkEstimates().empty()); // and clears the estimates
    }

    void evaluateTheOpenDesign() {
        gui::MainWindow window(comp::ComponentRegistry::builtin());
        auto* dock = window.findChild<gui::PracticeDock*>(QStringLiteral("practiceDock"));
        QVERIFY(dock->choose(QStringLiteral("news-feed")));
        const review::DesignTemplate* single = review::ScalingPath::find("step01-single-server");
        window.document().reset(
            *design::readDesign(single->json, comp::ComponentRegistry::builtin()).design);
        QSignalSpy done(dock, &gui::PracticeDock::evaluated);
        dock->evaluate();
        QVERIFY(dock->evaluating());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 60000);
        QVERIFY(dock->scorecard() && !dock->scorecard()->passed());
        QTreeWidget* view = dock->scorecardView();
        QStringList failed;
        for (int i = 0; i < view->topLevelItemCount(); ++i)
            if (view->topLevelItem(i)->data(0, Qt::UserRole) == QVariant(false))
                failed << view->topLevelItem(i)->text(0);
        QVERIFY2(failed.contains(QStringLiteral("p99 latency")), qPrintable(failed.join(',')));
        QVERIFY(failed.contains(QStringLiteral("error rate")));
        QVERIFY(failed.contains(QStringLiteral("answered while a web server fails")));
        const QString evidence = dock->evidenceView()->toPlainText();
        QVERIFY(evidence.contains(QStringLiteral("Missed: p99 latency.")));
        QVERIFY(evidence.contains(QStringLiteral("node_failed web1 at 15 s")));
        QVERIFY(evidence.contains(QStringLiteral("single_point_of_failure (web1)")));
        QVERIFY(evidence.contains(QStringLiteral("Debrief")));
        // The chart of the first missed check (p99) is drawn; choosing the fault's row draws
        // its stretch; the cost row has none.
        QVERIFY(!dock->chartView()->pixmap().isNull());
        QCOMPARE(view->currentItem()->text(0), QStringLiteral("p99 latency"));
        view->setCurrentItem(view->topLevelItem(2));
        QVERIFY(!dock->chartView()->isHidden() && !dock->chartView()->pixmap().isNull());
        view->setCurrentItem(view->topLevelItem(view->topLevelItemCount() - 1));
        QVERIFY(dock->chartView()->isHidden());
        view->setCurrentItem(view->topLevelItem(2));
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("practiceVerdict"))
                    ->text()
                    .startsWith(QStringLiteral("Not yet")));
        // With SCALEBOARD_SCREENSHOT_DIR set, the pictures of docs/practice.md: the window in
        // practice mode, and the dock's scorecard.
        if (const QByteArray dir = qgetenv("SCALEBOARD_SCREENSHOT_DIR"); !dir.isEmpty()) {
            window.resize(1600, 1000);
            window.action(QStringLiteral("actionFit"))->trigger();
            dock->raise();
            dock->startClock(45);
            dock->advance(17 * 60 + 12);
            dock->showHint();
            auto* pages = window.findChild<QTabWidget*>(QStringLiteral("practicePages"));
            pages->setCurrentIndex(0);
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(QString::fromLocal8Bit(dir) +
                                       QStringLiteral("/practice-mode.png")));
            pages->setCurrentIndex(pages->count() - 1);
            dock->setFloating(true);
            dock->resize(640, 980);
            QCoreApplication::processEvents();
            QVERIFY(dock->grab().save(QString::fromLocal8Bit(dir) +
                                      QStringLiteral("/practice-scorecard.png")));
            dock->setFloating(false);
        }

        // Place the reference design and evaluate again: every requirement is met.
        window.document().reset(practice::findProblem("news-feed")->reference);
        dock->evaluate();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 2, 60000);
        QVERIFY(dock->scorecard()->passed());
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("practiceVerdict"))
                    ->text()
                    .startsWith(QStringLiteral("Passed")));
        // The status bar shows the open design's estimated cost (3635 USD, as the CLI says).
        QCOMPARE(dock->scorecard()->cost.totalMonthly, 3635.0);
        QTRY_COMPARE(window.findChild<QLabel*>(QStringLiteral("costLabel"))->text(),
                     QStringLiteral("Cost (estimate): 3635 USD/month"));

        // A design with errors is not run.
        design::Design broken = practice::findProblem("news-feed")->reference;
        broken.links.push_back({design::NodeId{"users"}, design::NodeId{"db"}, {}});
        window.document().reset(broken);
        dock->evaluate();
        QVERIFY(!dock->evaluating());
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("practiceVerdict"))
                    ->text()
                    .contains(QStringLiteral("has errors")));
    }
    void attemptsAreKeptAndShownInTheProgressDock() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("practice.sbw"));
        gui::MainWindow window(comp::ComponentRegistry::builtin());
        const review::DesignTemplate* single = review::ScalingPath::find("step01-single-server");
        window.document().reset(
            *design::readDesign(single->json, comp::ComponentRegistry::builtin()).design);
        QVERIFY(window.files().saveAs(path));
        auto* progress = window.findChild<gui::ProgressDock*>(QStringLiteral("progressDock"));
        QVERIFY(progress);
        QVERIFY(qobject_cast<QScrollArea*>(progress->widget())); // a tall panel scrolls
        QVERIFY(progress->progress().empty());
        QVERIFY(progress->statusView()->text().contains(QStringLiteral("No attempts recorded")));
        QVERIFY(progress->isHidden()); // Tools opens it: not one more tab to squeeze in
        auto* entry = window.findChild<QAction*>(QStringLiteral("actionPracticeProgress"));
        QVERIFY(entry);
        QCOMPARE(entry->text(), QStringLiteral("&Practice progress…"));
        entry->trigger();
        QVERIFY(!progress->isHidden());

        // An attempt at the news feed with the single server: 2:05 on the clock, one hint,
        // one estimate off by a factor of 2.
        auto* dock = window.findChild<gui::PracticeDock*>(QStringLiteral("practiceDock"));
        QVERIFY(dock->choose(QStringLiteral("news-feed")));
        dock->startClock(30);
        dock->advance(125);
        QVERIFY(dock->showHint());
        QVERIFY(dock->setEstimate(QStringLiteral("peak_qps"), QStringLiteral("5556")));
        QSignalSpy recorded(dock, &gui::PracticeDock::attemptRecorded);
        QSignalSpy done(dock, &gui::PracticeDock::evaluated);
        dock->evaluate();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 60000);
        QCOMPARE(recorded.count(), 1);
        const QString verdict =
            window.findChild<QLabel*>(QStringLiteral("practiceVerdict"))->text();
        QVERIFY2(verdict.contains(QStringLiteral("Kept in the workspace (time taken 2:05")),
                 qPrintable(verdict));
        ws::OpenResult opened =
            ws::WorkspaceFile::open(path.toStdString(), comp::ComponentRegistry::builtin());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->attempts.size(), std::size_t(1));
        const ws::AttemptRecord& kept = opened.workspace->attempts[0];
        QCOMPARE(kept.problem, std::string("news-feed"));
        QVERIFY(!kept.passed);
        QCOMPARE(kept.timeTakenSeconds, std::int64_t(125));
        QCOMPARE(kept.hintsUsed, 1);
        QCOMPARE(kept.estimates.size(), std::size_t(1));
        QVERIFY(std::abs(kept.estimates[0].factorOff - 2) < 1e-3);
        QCOMPARE(kept.seeds, dock->scorecard()->seeds);
        QCOMPARE(kept.targets.size(), dock->scorecard()->checks.size());

        // The progress dock refreshed on its own: one problem, its one attempt beneath it.
        QTreeWidget* view = progress->progressView();
        QCOMPARE(view->topLevelItemCount(), 1);
        QTreeWidgetItem* row = view->topLevelItem(0);
        QCOMPARE(row->text(0), QStringLiteral("News feed"));
        QCOMPARE(row->text(1), QStringLiteral("1"));
        QCOMPARE(row->text(2), QStringLiteral("%1%").arg(kept.score));
        QVERIFY(row->text(3).startsWith(QStringLiteral("not yet")));
        QCOMPARE(row->text(4), QStringLiteral("2:05"));
        QVERIFY2(row->text(5).contains(QStringLiteral("p99 latency")), qPrintable(row->text(5)));
        QCOMPARE(row->childCount(), 1);

        // The reference design, five more minutes on: a second attempt that passes.
        dock->advance(300);
        window.document().reset(practice::findProblem("news-feed")->reference);
        dock->evaluate();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 2, 60000);
        QCOMPARE(recorded.count(), 2);
        QCOMPARE(view->topLevelItemCount(), 1);
        row = view->topLevelItem(0);
        QCOMPARE(row->text(1), QStringLiteral("2"));
        QCOMPARE(row->text(2), QStringLiteral("100%"));
        QCOMPARE(row->text(3), QStringLiteral("passed, 100%"));
        QCOMPARE(row->text(4), QStringLiteral("7:05"));
        QCOMPARE(row->text(5), QStringLiteral("–"));
        QCOMPARE(row->childCount(), 2);
        QCOMPARE(progress->statusView()->text(),
                 QStringLiteral("2 attempts at 1 problem; the newest last."));
        QVERIFY(row->child(0)->text(3).startsWith(QStringLiteral("not yet")));
        QCOMPARE(progress->progress().at(0).bestScore, 100);

        // Saving the workspace keeps its attempts.
        QVERIFY(window.files().save());
        opened = ws::WorkspaceFile::open(path.toStdString(), comp::ComponentRegistry::builtin());
        QCOMPARE(opened.workspace->attempts.size(), std::size_t(2));

        // Many attempts: the list scrolls inside its dock.
        ws::AttemptRecord more = opened.workspace->attempts[0];
        for (int i = 0; i < 30; ++i) {
            more.id = 0;
            more.problem = "problem-" + std::to_string(i);
            QVERIFY(ws::WorkspaceFile::appendAttempt(path.toStdString(), more).ok());
        }
        progress->refresh();
        QCOMPARE(view->topLevelItemCount(), 31);
        progress->setFloating(true);
        progress->resize(480, 320);
        progress->show();
        QCoreApplication::processEvents();
        QVERIFY(view->verticalScrollBar()->maximum() > 0);

        // A design that is no workspace keeps nothing, and says so.
        window.document().setFilePath({});
        dock->evaluate();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 3, 60000);
        QCOMPARE(recorded.count(), 2);
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("practiceVerdict"))
                    ->text()
                    .contains(QStringLiteral("Not kept: attempts are kept in workspaces (.sbw)")));
        QVERIFY(progress->progress().empty());
    }
};

QTEST_MAIN(PracticeDockTest)
#include "PracticeDockTest.moc"
