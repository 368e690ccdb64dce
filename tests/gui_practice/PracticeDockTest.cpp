// The practice dock in the window, offscreen: pick a problem and read it, the countdown's
// warnings (advanced by hand, never by the wall clock), hints one at a time, and Evaluate
// on the open design: the single server fails the news feed, its reference design passes.
#include "reports/PracticeDock.h"
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "gui/document/DesignDocument.h"
#include "gui/window/MainWindow.h"
#include "practice/Problem.h"
#include "reports/WindowExtensions.h"
#include "review/ScalingPath.h"

#include <QLabel>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using namespace sb;

class PracticeDockTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { reports::installWindowExtensions(); }

    void pickReadAndTime() {
        gui::MainWindow window(comp::ComponentRegistry::builtin());
        auto* dock = window.findChild<reports::PracticeDock*>(QStringLiteral("practiceDock"));
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
        QVERIFY(dock->checkEstimates().empty()); // and clears the estimates
    }

    void evaluateTheOpenDesign() {
        gui::MainWindow window(comp::ComponentRegistry::builtin());
        auto* dock = window.findChild<reports::PracticeDock*>(QStringLiteral("practiceDock"));
        QVERIFY(dock->choose(QStringLiteral("news-feed")));
        const review::DesignTemplate* single = review::ScalingPath::find("step01-single-server");
        window.document().reset(
            *design::readDesign(single->json, comp::ComponentRegistry::builtin()).design);
        QSignalSpy done(dock, &reports::PracticeDock::evaluated);
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
};

QTEST_MAIN(PracticeDockTest)
#include "PracticeDockTest.moc"
