// The Experiments dock as a user drives it: select the M/M/c station's web server,
// right-click its workers in the inspector, "Vary web.workers in an experiment", edit the
// values, run; the chart's mean line and confidence band hold exactly the numbers the
// experiments library gives for the same plan (same seeds), the table judges the target,
// and Cancel stops a long experiment without touching the results shown.
#include "gui/experiments/ExperimentsDock.h"
#include "app/WindowExtensions.h"
#include "experiments/Experiment.h"
#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"
#include "gui/panels/InspectorDock.h"
#include "gui/panels/PropertyForm.h"
#include "gui/window/DesignFiles.h"
#include "gui/window/MainWindow.h"
#include "tests/common/MmcDesign.h"
#include "workspace/WorkspaceFile.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace sb;

Q_DECLARE_METATYPE(sb::emu::RunResult)

namespace {

template <class T> std::vector<T*> seriesOf(QChartView* view) {
    std::vector<T*> out;
    for (QAbstractSeries* s : view->chart()->series())
        if (auto* t = qobject_cast<T*>(s))
            out.push_back(t);
    return out;
}

} // namespace

class ExperimentsDockTest : public QObject {
    Q_OBJECT

    std::unique_ptr<gui::MainWindow> m_window;
    gui::ExperimentsDock* m_dock = nullptr;

private Q_SLOTS:
    void initTestCase() {
        app::installWindowExtensions();
        m_window = std::make_unique<gui::MainWindow>(comp::ComponentRegistry::builtin());
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->showWelcome(false);
        m_window->document().reset(test::mmcDesign(80, 10));
        m_dock = m_window->findChild<gui::ExperimentsDock*>();
        QVERIFY2(m_dock, "the window has no Experiments dock");
    }

    void aPropertyVariedFromTheInspectorRunsAndIsPlotted() {
        m_window->scene().selectNodes({design::NodeId{"web"}});
        gui::PropertyForm* form = m_window->inspector()->form();
        QTRY_VERIFY(form->editor("workers") && form->editor("workers")->isVisible());

        // Right-click the workers row of the inspector and choose the menu's action.
        QString chosen;
        QTimer::singleShot(0, this, [&chosen] {
            if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
                chosen = menu->actions().value(0)->text();
                menu->actions().value(0)->trigger();
                menu->close();
            }
        });
        QWidget* workers = form->editor("workers");
        const QPoint at = workers->mapTo(form, workers->rect().center());
        QContextMenuEvent click(QContextMenuEvent::Mouse, at, form->mapToGlobal(at));
        QApplication::sendEvent(form, &click);
        QCOMPARE(chosen, QString("Vary web.workers in an experiment"));
        QCOMPARE(m_dock->factors()->rowCount(), 1);
        QCOMPARE(m_dock->factors()->item(0, 0)->text(), QString("web.workers"));
        QCOMPARE(m_dock->factors()->item(0, 1)->text(), QString("5,10,20")); // around 10

        m_dock->factors()->item(0, 1)->setText("9,10,12");
        m_dock->replications()->setValue(5);
        m_dock->duration()->setValue(60);
        m_dock->targets()->setText("mean_ms<140");
        QSignalSpy finished(m_dock, &gui::ExperimentsDock::finished);
        QTest::mouseClick(m_dock->runButton(), Qt::LeftButton);
        QVERIFY(m_dock->running());
        QVERIFY(finished.wait(120000));
        QCOMPARE(m_dock->progress()->value(), 15);

        // The chart holds the library's numbers for the same plan, point for point.
        const experiments::Plan& plan = m_dock->plan();
        QCOMPARE(plan.parameters.size(), std::size_t(1));
        const auto expected = experiments::run(plan, 1, {});
        const auto names = plan.metricList();
        const auto m =
            std::size_t(std::find(names.begin(), names.end(), "mean_ms") - names.begin());
        const auto lines = seriesOf<QLineSeries>(m_dock->chart());
        const auto bands = seriesOf<QAreaSeries>(m_dock->chart());
        QCOMPARE(lines.size(), std::size_t(1));
        QCOMPARE(bands.size(), std::size_t(1));
        QCOMPARE(lines[0]->count(), 3);
        const double xs[] = {9, 10, 12};
        for (int i = 0; i < 3; ++i) {
            const experiments::Interval ci =
                experiments::interval(expected[std::size_t(i)].samples[m]);
            QCOMPARE(lines[0]->at(i).x(), xs[i]);
            QCOMPARE(lines[0]->at(i).y(), ci.mean);
            QCOMPARE(bands[0]->upperSeries()->at(i).y(), ci.high());
            QCOMPARE(bands[0]->lowerSeries()->at(i).y(), ci.low());
        }
        // More workers, shorter waits (Erlang C: 165 ms at 9, 120 ms at 10, 103 ms at 12).
        QVERIFY(lines[0]->at(0).y() > lines[0]->at(1).y());
        QVERIFY(lines[0]->at(1).y() > lines[0]->at(2).y());
        QTableWidget* table = m_dock->results();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(2, 0)->text(), QString("12"));
        QCOMPARE(table->item(2, 4)->text(), QString("mean_ms<140 met"));

        // Double-click a point: its first replication runs again, with the same numbers.
        QSignalSpy opened(m_dock, &gui::ExperimentsDock::runReady);
        table->scrollToItem(table->item(1, 0));
        const QRect cell = table->visualItemRect(table->item(1, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(opened.wait(60000));
        const auto& rerun = opened.at(0).at(0).value<emu::RunResult>();
        QCOMPARE(rerun.meanMs, expected[1].samples[m][0]);
        QVERIFY2(opened.at(0).at(1).toString().contains("web.workers=10, replication 1"),
                 qPrintable(opened.at(0).at(1).toString()));

        if (const QByteArray shot = qgetenv("SCALEBOARD_SCREENSHOT"); !shot.isEmpty()) {
            m_dock->setFloating(true);
            m_dock->resize(520, 760);
            QCoreApplication::processEvents();
            m_dock->grab().save(QString::fromLocal8Bit(shot));
            m_dock->setFloating(false);
        }
    }

    void cancelStopsALongExperimentAndKeepsTheResultsShown() {
        const auto before = m_dock->points().size();
        QVERIFY(before > 0);
        m_dock->factors()->item(0, 1)->setText("1:200:1");
        m_dock->replications()->setValue(50);
        m_dock->duration()->setValue(3600);
        QSignalSpy finished(m_dock, &gui::ExperimentsDock::finished);
        QVERIFY(m_dock->run());
        QTest::mouseClick(m_dock->cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(m_dock->status()->text(), QString("Cancelled."));
        QVERIFY(m_dock->progress()->value() < m_dock->progress()->maximum());
        QCOMPARE(m_dock->points().size(), before);
        QCOMPARE(m_dock->results()->rowCount(), int(before));
        QVERIFY(m_dock->runButton()->isEnabled());
    }

    void badValuesAreNamedAndNothingRuns() {
        m_dock->factors()->item(0, 1)->setText("0,4");
        QVERIFY(!m_dock->run());
        QVERIFY2(m_dock->status()->text().contains("workers must be"),
                 qPrintable(m_dock->status()->text()));
        QVERIFY(!m_dock->running());
    }

    // In a workspace (.sbw) each finished experiment is kept in the file; the kept ones are
    // listed and one chosen shows its table and chart again, as measured, after the design
    // is reopened too.
    void finishedExperimentsAreKeptInTheWorkspaceAndShownAgain() {
        QTemporaryDir dir;
        const QString file = dir.filePath("mmc.sbw");
        QVERIFY2(m_window->files().saveAs(file), qPrintable(m_window->files().lastError()));
        QCOMPARE(m_dock->keptChoice()->count(), 0);
        QVERIFY(!m_dock->keptChoice()->isEnabled());

        m_dock->factors()->item(0, 1)->setText("9,12");
        m_dock->replications()->setValue(3);
        m_dock->duration()->setValue(30);
        m_dock->targets()->setText("mean_ms<140");
        QSignalSpy finished(m_dock, &gui::ExperimentsDock::finished);
        QVERIFY(m_dock->run());
        QVERIFY(finished.wait(120000));
        QVERIFY2(m_dock->status()->text().contains("Kept in the workspace."),
                 qPrintable(m_dock->status()->text()));
        const experiments::Plan firstPlan = m_dock->plan();
        const auto firstPoints = m_dock->points();
        QCOMPARE(firstPoints.size(), std::size_t(2));
        QStringList firstTable;
        for (int r = 0; r < m_dock->results()->rowCount(); ++r)
            for (int c = 0; c < m_dock->results()->columnCount(); ++c)
                firstTable << m_dock->results()->item(r, c)->text();

        // The file holds it: the plan as an experiment file and the result document.
        ws::OpenResult opened =
            ws::WorkspaceFile::open(file.toStdString(), comp::ComponentRegistry::builtin());
        QVERIFY2(opened.ok(), opened.error.c_str());
        QCOMPARE(opened.workspace->experiments.size(), std::size_t(1));
        QCOMPARE(opened.workspace->experiments[0].results,
                 experiments::toJson(firstPlan, firstPoints));
        QCOMPARE(opened.workspace->experiments[0].plan["design"], nlohmann::json("mmc.sbw"));
        QCOMPARE(m_dock->keptChoice()->count(), 1);

        // A second experiment, different values: two kept, the second one shown.
        m_dock->factors()->item(0, 1)->setText("10");
        QVERIFY(m_dock->run());
        QVERIFY(finished.wait(120000));
        QCOMPARE(m_dock->results()->rowCount(), 1);
        QCOMPARE(m_dock->keptChoice()->count(), 2);
        QCOMPARE(m_dock->keptChoice()->currentIndex(), 1);

        // Reopen the workspace: the list is read from the file; choosing the first kept
        // experiment shows its table and chart again, number for number.
        QVERIFY2(m_window->files().open(file), qPrintable(m_window->files().lastError()));
        QCOMPARE(m_dock->keptChoice()->count(), 2);
        QVERIFY(
            m_dock->keptChoice()->itemText(0).contains("2 points x 3 replications: web.workers"));
        Q_EMIT m_dock->keptChoice()->activated(0);
        QCOMPARE(m_dock->points().size(), std::size_t(2));
        QCOMPARE(m_dock->plan().replications, std::size_t(3));
        QCOMPARE(m_dock->plan().targets.size(), std::size_t(1));
        QStringList shown;
        for (int r = 0; r < m_dock->results()->rowCount(); ++r)
            for (int c = 0; c < m_dock->results()->columnCount(); ++c)
                shown << m_dock->results()->item(r, c)->text();
        QCOMPARE(shown, firstTable);
        QVERIFY2(m_dock->status()->text().contains("as measured then"),
                 qPrintable(m_dock->status()->text()));
        const auto names = firstPlan.metricList();
        const auto m = std::size_t(std::find(names.begin(), names.end(),
                                             m_dock->metricChoice()->currentText().toStdString()) -
                                   names.begin());
        QVERIFY(m < names.size());
        const auto lines = seriesOf<QLineSeries>(m_dock->chart());
        QCOMPARE(lines.size(), std::size_t(1));
        QCOMPARE(lines[0]->count(), 2);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(lines[0]->at(i).y(),
                     experiments::interval(firstPoints[std::size_t(i)].samples[m]).mean);

        // The kept experiment, reopened, goes into a report from the window too: its
        // table's values are in the HTML (the verdicts are worded as the report words them).
        QVERIFY(m_dock->reportButton()->isEnabled());
        const QString report = dir.filePath("experiment.html");
        QCOMPARE(m_dock->writeReport(report), QString());
        QFile html(report);
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(html.readAll());
        QVERIFY(text.contains("web.workers"));
        for (const QString& cell : firstTable)
            if (!cell.contains(QLatin1Char('<')))
                QVERIFY2(text.contains(cell.toHtmlEscaped()), qPrintable(cell));
        QVERIFY(text.contains("inconclusive"));
        QVERIFY(m_dock->status()->text().contains("Report written to experiment.html"));
        // A file it cannot write: the reason, and no report.
        QVERIFY(!m_dock->writeReport(dir.filePath("missing/folder/experiment.html")).isEmpty());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(ExperimentsDockTest)
#include "ExperimentsDockTest.moc"
