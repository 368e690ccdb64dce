#include "app/WindowExtensions.h"
#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "emulator/RunControl.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/ChartsDock.h"
#include "gui/live/HealthMatrixDock.h"
#include "gui/live/HealthMatrixModel.h"
#include "gui/live/LiveCanvas.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/live/NodeOverlay.h"
#include "gui/live/RunBar.h"
#include "gui/live/SeriesChartView.h"
#include "gui/live/TrafficLayer.h"
#include "gui/replay/ReplayDock.h"
#include "gui/replay/TimelineBar.h"
#include "gui/runs/RunHistoryDock.h"
#include "gui/window/MainWindow.h"
#include "reports/ReportRun.h"
#include "reports/RunReport.h"
#include "timeline/Explanation.h"
#include "timeline/TimelineRecorder.h"
#include "workspace/WorkspaceFile.h"

#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sb;
using namespace sb::gui;

namespace {

design::Design stepFour() {
    auto loaded = design::readDesignFile(std::string(SCALEBOARD_SOURCE_DIR) +
                                             "/resources/templates/step04-replication.json",
                                         comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("step 4 does not load");
    return *loaded.design;
}

} // namespace

/// What the canvas shows of a node: down or not, and its badges.
struct Shown {
    bool down = false;
    QStringList badges;
    bool operator==(const Shown&) const = default;
};

static Shown shown(MainWindow& window, const std::string& id) {
    Shown s;
    s.down = window.scene().nodeItem(design::NodeId{id})->decoration().down;
    if (NodeOverlay* overlay = window.live()->canvas()->overlay(id))
        for (const NodeBadge& b : overlay->badges())
            s.badges << b.text;
    return s;
}

namespace {

/// The health matrix's word for a node ("ok", "strained", "critical", "DOWN").
QString healthOf(const gui::HealthMatrixDock& dock, const QString& node) {
    const QAbstractItemModel* model = dock.table()->model();
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data(gui::HealthMatrixModel::kNodeIdRole).toString() == node)
            return model->index(r, gui::HealthMatrixModel::HealthColumn).data().toString();
    return {};
}

} // namespace

class ReplayTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // A run of step 4 is recorded; seeking to a moment before and one after the primary's
    // failure shows on the canvas what the live run showed then.
    void seekingShowsWhatTheLiveRunShowed() {
        auto window = std::make_unique<MainWindow>(comp::ComponentRegistry::builtin());
        window->resize(1400, 900);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->document().reset(stepFour());
        window->showWelcome(false);
        LiveSession& live = *window->live();
        auto* replay = new gui::ReplayDock(live, window.get());
        emu::RunSettings settings;
        settings.seed = 1;
        settings.durationSeconds = 45;
        settings.warmupSeconds = 5;
        live.runBar()->showSettings(settings);
        live.runBar()->setSpeed(8);

        // What the live canvas showed, frame by frame.
        std::vector<std::pair<double, std::map<std::string, Shown>>> frames;
        connect(&live.run(), &LiveRun::frame, this, [&] {
            std::map<std::string, Shown> nodes;
            for (const char* id : {"db", "replica1", "replica2"})
                nodes[id] = shown(*window, id);
            frames.emplace_back(live.run().clockSeconds(), std::move(nodes));
        });
        QVERIFY(live.play());
        QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
        QVERIFY(live.run().recorder());
        const timeline::Timeline t = live.run().recorder()->timeline();
        QVERIFY(t.samples() >= 440);

        // The last frame before the failure (30 s) and one well after it (badges settled).
        const auto before = std::find_if(frames.rbegin(), frames.rend(),
                                         [](const auto& f) { return f.first < 29.5; });
        const auto after =
            std::find_if(frames.begin(), frames.end(), [](const auto& f) { return f.first > 32; });
        QVERIFY(before != frames.rend() && after != frames.end());
        QVERIFY(!before->second.at("db").down);
        QVERIFY(after->second.at("db").down);
        for (const auto* frame : {&*before, &*after}) {
            const int sample = int(t.sampleAt(frame->first));
            QCOMPARE(t.time(std::size_t(sample)), frame->first);
            replay->bar()->setValue(sample);
            replay->seek(sample);
            for (const auto& [id, live] : frame->second) {
                const Shown replayed = shown(*window, id);
                QCOMPARE(replayed.down, live.down);
                QCOMPARE(replayed.badges, live.badges);
            }
            // The health matrix shows the same moment: the primary down after its failure.
            QCOMPARE(healthOf(*live.health(), "db"),
                     frame->second.at("db").down ? QStringLiteral("DOWN") : QStringLiteral("ok"));
        }
        // The charts' cursor follows the scrub.
        QVERIFY(!live.charts()->charts().empty());
        for (const SeriesChartView* chart : live.charts()->charts())
            QCOMPARE(chart->timeCursor(),
                     std::optional<double>(t.time(std::size_t(replay->bar()->value()))));
        // The arrow keys step one sample.
        replay->bar()->setFocus();
        const int at = replay->bar()->value();
        QTest::keyClick(replay->bar(), Qt::Key_Left);
        QCOMPARE(replay->bar()->value(), at - 1);
        QTest::keyClick(replay->bar(), Qt::Key_Right);
        QCOMPARE(replay->bar()->value(), at);

        // The run's events are ticks on the bar, at their samples, in order; resting the
        // pointer on the primary's failure reads it. The periodic error summaries are not.
        gui::TimelineBar* bar = replay->timelineBar();
        const auto tick = [&](const QString& text) {
            const auto& ticks = bar->ticks();
            return std::find_if(ticks.begin(), ticks.end(),
                                [&](const auto& k) { return k.text.contains(text); });
        };
        const auto failed = tick(QStringLiteral("db  node failed"));
        const auto detected = tick(QStringLiteral("detected down"));
        const auto promoted = tick(QStringLiteral("promoted"));
        QVERIFY(failed != bar->ticks().end() && detected != bar->ticks().end() &&
                promoted != bar->ticks().end());
        QCOMPARE(t.time(std::size_t(failed->sample)), 30.0);
        QVERIFY(failed < detected && detected <= promoted);
        QVERIFY(failed->sample < detected->sample);
        QVERIFY(bar->tickTextAt(bar->xOfSample(failed->sample))
                    .contains(QStringLiteral("db  node failed")));
        QVERIFY(tick(QStringLiteral("  errors")) == bar->ticks().end());
        QCOMPARE(bar->tickTextAt(bar->xOfSample(5)), QString()); // nothing happened at 0.6 s

        // What happened: the primary's failure is in it, and a click jumps there.
        replay->explainRun();
        QListWidget* list = replay->sentences();
        QVERIFY(list->count() >= 4);
        QListWidgetItem* first =
            list->findItems(QStringLiteral("first node to fail"), Qt::MatchContains).value(0);
        QVERIFY(first);
        Q_EMIT list->itemClicked(first);
        QCOMPARE(t.time(std::size_t(replay->bar()->value())), 30.0);
        QVERIFY(window->scene().nodeItem(design::NodeId{"db"})->decoration().down);

        // A report of the run says what happened, in the explanation's order.
        reports::ReportRun reported = reports::ReportRun::fromResult(*live.run().result(), "run");
        const auto sentences = timeline::explain(t, &live.run().design());
        reported.summary["explanation"] = timeline::toJson(sentences);
        reports::RunReport report(live.run().design(), comp::ComponentRegistry::builtin());
        report.addRun(std::move(reported));
        const QString html = report.html();
        QVERIFY(html.contains(QStringLiteral("<h2>What happened</h2>")));
        int from = 0;
        for (const timeline::Sentence& s : sentences) {
            const int at = html.indexOf(QString::fromStdString(s.text).toHtmlEscaped(), from);
            QVERIFY2(at > from, s.text.c_str());
            from = at;
        }
    }

    // A run kept in a workspace with its timeline is scrubbed from the Run history dock:
    // the bar covers its samples with its events as ticks, and the canvas shows its moments.
    void aStoredRunIsScrubbedFromTheHistory() {
        const design::Design d = stepFour();
        emu::RunSettings settings;
        settings.durationSeconds = 40;
        emu::RunControl control(comp::buildSimulation(d, comp::ComponentRegistry::builtin(), 1),
                                settings, nullptr);
        timeline::TimelineRecorder recorder;
        control.watch(&recorder);
        const emu::RunResult& result = control.runHere();
        recorder.complete(result);
        ws::RunRecord kept = reports::ReportRun::toRecord(result, "kept");
        kept.timeline = recorder.timeline().encode();
        ws::RunRecord bare = reports::ReportRun::toRecord(result, "without timeline");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("history.sbw"));
        QCOMPARE(ws::WorkspaceFile::save(file.toStdString(), d, {}), std::string());
        QVERIFY(ws::WorkspaceFile::appendRun(file.toStdString(), kept).ok());
        QVERIFY(ws::WorkspaceFile::appendRun(file.toStdString(), bare).ok());

        app::installWindowExtensions();
        MainWindow window(comp::ComponentRegistry::builtin());
        QVERIFY(window.openFile(file, true));
        auto* history = window.findChild<gui::RunHistoryDock*>();
        auto* replay = window.findChild<gui::ReplayDock*>();
        QVERIFY(history && replay);
        QCOMPARE(history->runsView()->topLevelItemCount(), 2);
        auto* replayButton = history->findChild<QPushButton*>(QStringLiteral("replayStoredRun"));
        QVERIFY(replayButton);
        history->runsView()->topLevelItem(1)->setSelected(true);
        QVERIFY(!replayButton->isEnabled()); // that one kept no timeline
        QVERIFY(!history->replaySelected().empty());
        history->runsView()->clearSelection();
        history->runsView()->topLevelItem(0)->setSelected(true);
        QVERIFY(replayButton->isEnabled());
        QCOMPARE(history->replaySelected(), std::string());

        QVERIFY(replay->showsStored());
        const timeline::Timeline t = recorder.timeline();
        QCOMPARE(replay->bar()->maximum(), int(t.samples()) - 1);
        const auto& ticks = replay->timelineBar()->ticks();
        QVERIFY(std::any_of(ticks.begin(), ticks.end(), [](const auto& k) {
            return k.text.contains(QStringLiteral("db  node failed"));
        }));
        QVERIFY(replay->sentences()->count() >= 4);
        const auto down = [&] {
            return window.scene().nodeItem(design::NodeId{"db"})->decoration().down;
        };
        replay->seek(int(t.sampleAt(31)));
        QVERIFY(down());
        QCOMPARE(healthOf(*window.live()->health(), "db"), QStringLiteral("DOWN"));
        replay->seek(int(t.sampleAt(20)));
        QVERIFY(!down());
        QVERIFY(healthOf(*window.live()->health(), "db") != QStringLiteral("DOWN"));
        // The charts draw the stored run as their comparison line, the cursor at the moment.
        gui::ChartsDock& charts = *window.live()->charts();
        QVERIFY(charts.baselineFor("throughput_rps"));
        QCOMPARE(charts.baselineFor("throughput_rps")->count(), int(t.samples()));
        for (const SeriesChartView* chart : charts.charts())
            QCOMPARE(chart->timeCursor(), std::optional<double>(t.time(t.sampleAt(20))));
        QVERIFY(window.live()->canvas()->traffic()->isVisible());
    }

    void aBreakpointFromTheBarPausesTheRun() {
        auto window = std::make_unique<MainWindow>(comp::ComponentRegistry::builtin());
        window->document().reset(stepFour());
        LiveSession& live = *window->live();
        auto* replay = new gui::ReplayDock(live, window.get());
        replay->breakpointEdit()->setText(QStringLiteral("db down"));
        QTest::keyClick(replay->breakpointEdit(), Qt::Key_Return);
        QCOMPARE(live.run().breakpoints().size(), std::size_t(1));
        QSignalSpy hit(&live.run(), &LiveRun::breakpointHit);
        emu::RunSettings settings;
        settings.durationSeconds = 60;
        live.runBar()->showSettings(settings);
        live.runBar()->setSpeed(0);
        QVERIFY(live.play());
        QVERIFY(hit.wait(60000));
        QCOMPARE(hit.at(0).at(0).toString(), QStringLiteral("db down"));
        // At the first sample that sees the primary down (it fails at 30 s).
        const double at = hit.at(0).at(1).toDouble();
        QVERIFY2(at >= 30 - 1e-9 && at <= 30.1 + 1e-9, qPrintable(QString::number(at)));
        QTRY_VERIFY_WITH_TIMEOUT(live.run().isPaused(), 10000);
        QVERIFY(live.run().breakpoints().empty()); // fired once
        live.run().stop();
    }

    void aNodesMenuSetsBreakpoints() {
        auto window = std::make_unique<MainWindow>(comp::ComponentRegistry::builtin());
        window->document().reset(stepFour());
        LiveSession& live = *window->live();
        live.runBar()->setSpeed(1);
        QVERIFY(live.play());
        QMenu menu;
        window->populateCanvasMenu(&menu,
                                   window->scene().nodeItem(design::NodeId{"db"})->scenePos());
        for (const char* name : {"actionBreakNodeDown", "actionBreakDetectedDown"}) {
            auto* action = menu.findChild<QAction*>(QString::fromLatin1(name));
            QVERIFY2(action, name);
            action->trigger();
        }
        QStringList armed;
        for (const timeline::Breakpoint& b : live.run().breakpoints())
            armed << QString::fromStdString(b.describe());
        QCOMPARE(armed,
                 QStringList({QStringLiteral("db down"), QStringLiteral("db detected down")}));
        live.run().stop();
    }
};

QTEST_MAIN(ReplayTest)
#include "ReplayTest.moc"
