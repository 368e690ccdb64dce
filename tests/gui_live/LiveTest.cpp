// Live emulation in the window, driven as a user would on the offscreen platform: runs of
// the step-4 template (primary, two replicas, automatic failover) from the run bar, the
// charts against the engine's own series, a right-click failure and the failover it
// causes, pause/step/resume, live property edits, bursts, the health matrix, the event
// log and a comparison of two runs.
#include "app/WindowExtensions.h"
#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/MiniMap.h"
#include "gui/canvas/NodeItem.h"
#include "gui/commands/ChangePropertyCommand.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/AlertBanner.h"
#include "gui/live/ChartsDock.h"
#include "gui/live/EventLogDock.h"
#include "gui/live/EventLogModel.h"
#include "gui/live/FaultDock.h"
#include "gui/live/HealthMatrixDock.h"
#include "gui/live/HealthMatrixModel.h"
#include "gui/live/LiveCanvas.h"
#include "gui/live/LiveLegend.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/live/NodeOverlay.h"
#include "gui/live/RunBar.h"
#include "gui/live/SeriesChartView.h"
#include "gui/live/TrafficDock.h"
#include "gui/live/TrafficLayer.h"
#include "gui/panels/PaletteDock.h"
#include "gui/panels/ProblemsDock.h"
#include "gui/window/MainWindow.h"
#include "gui/window/PresentationMode.h"
#include "tests/common/MmcDesign.h"
#include "tests/common/Queueing.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <memory>
#include <optional>
#include <set>
#include <string>

using namespace sb;
using namespace sb::gui;

namespace {

const char* kTemplate = SCALEBOARD_SOURCE_DIR "/resources/templates/step04-replication.json";

design::Design stepFour() {
    auto loaded = design::readDesignFile(kTemplate, comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("cannot read the step-4 template");
    return *loaded.design;
}

/// A template from resources/templates without its scripted faults (the test brings its
/// own); none when it does not load.
std::optional<design::Design> templateWithoutFaults(const std::string& file) {
    auto loaded = design::readDesignFile(SCALEBOARD_SOURCE_DIR "/resources/templates/" + file,
                                         comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        return std::nullopt;
    design::Design design = *loaded.design;
    design.faults.clear();
    return design;
}

std::unique_ptr<MainWindow> openWindow(const design::Design& design) {
    auto window = std::make_unique<MainWindow>(comp::ComponentRegistry::builtin());
    window->resize(1500, 950);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qFatal("window not exposed");
    window->document().reset(design);
    window->showWelcome(false);
    window->view().fitToDesign();
    return window;
}

void setRun(LiveSession& live, std::uint64_t seed, double duration, double warmup, double speed) {
    emu::RunSettings s;
    s.seed = seed;
    s.durationSeconds = duration;
    s.warmupSeconds = warmup;
    live.runBar()->showSettings(s);
    live.runBar()->setSpeed(speed);
    QCOMPARE(live.runBar()->speed(), speed);
}

std::size_t countEvents(const RunRecord& record, const std::string& kind,
                        const std::string& node = {}) {
    std::size_t n = 0;
    for (const auto& e : record.events)
        n += e.kind == kind && (node.empty() || e.node == node) ? 1 : 0;
    return n;
}

const emu::LogEvent* firstEvent(const RunRecord& record, const std::string& kind) {
    for (const auto& e : record.events)
        if (e.kind == kind)
            return &e;
    return nullptr;
}

/// The last value of a series column in the window's record.
double lastValue(const RunRecord& record, const std::string& column) {
    const int c = record.column(column);
    return c < 0 || record.values[std::size_t(c)].empty() ? -1
                                                          : record.values[std::size_t(c)].back();
}

/// Mean of a column over rows whose time lies in [from, to).
double meanBetween(const RunRecord& record, const std::string& column, double from, double to) {
    const int c = record.column(column);
    double sum = 0;
    int n = 0;
    for (std::size_t r = 0; r < record.rows(); ++r)
        if (record.times[r] >= from && record.times[r] < to) {
            sum += record.values[std::size_t(c)][r];
            ++n;
        }
    return n ? sum / n : -1;
}

} // namespace

class LiveTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void chartsHoldTheEngineSeries_data();
    void chartsHoldTheEngineSeries();
    void longRunsMergeRowsLikeTheEngine();
    void rightClickFailCausesFailover();
    void pauseStopsTheClock();
    void liveEditReachesTheEngine();
    void spikeMultipliesOfferedLoad();
    void trafficDotsFollowTheRate();
    void eventLogFiltersAndSelects();
    void compareOverlaysTheEarlierRun();
    void alertBannerNamesTheNode();
    void partitionAndChaosFromTheFaultPanel();
    void cacheMissStormLoadsTheDatabase();
    void healthShowsMeasuredTimeInNode();
    void theWindowFitsALaptop();
    void openingADesignStartsEveryLiveViewOver();
    void aRefusedRunShowsTheFirstProblem();
    void theCanvasKeepsItsPlaceWhenARunStarts();
    void presentationModeFloatsThePanelsAndShowsWhatFails();
    void theLegendAndMiniMapLeaveNodesUncovered();
    void chartMarkerLabelsNeverOverlap();
    void aTrippedBreakerShowsOnItsLinkNodeAndHealth();
};

void LiveTest::chartsHoldTheEngineSeries_data() {
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<double>("warmup");
    QTest::newRow("seed 1, warm-up 5 s") << quint64(1) << 5.0;
    QTest::newRow("seed 7, no warm-up") << quint64(7) << 0.0;
}

void LiveTest::chartsHoldTheEngineSeries() {
    QFETCH(quint64, seed);
    QFETCH(double, warmup);
    const design::Design design = stepFour(); // its schedule fails the primary at 30 s
    auto window = openWindow(design);
    LiveSession& live = *window->live();
    setRun(live, seed, 40, warmup, 0);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    live.charts()->flush();

    emu::RunSettings settings;
    settings.seed = seed;
    settings.durationSeconds = 40;
    settings.warmupSeconds = warmup;
    const emu::RunResult expected = comp::runDesign(design, settings);
    const emu::SeriesTable& table = expected.series;
    QVERIFY(table.rows() >= 390);

    // The window kept every row the engine produced: the same CSV as the CLI's --csv.
    QCOMPARE(live.run().record().toSeriesTable().toCsv(), table.toCsv());
    // And the charts plot exactly those points.
    for (const char* column : {"latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
                               "throughput_rps", "offered_rps", "error_rate"}) {
        QLineSeries* line = live.charts()->lineFor(column);
        QVERIFY2(line, column);
        const int c = table.column(column);
        QCOMPARE(std::size_t(line->count()), table.rows());
        for (std::size_t r = 0; r < table.rows(); ++r) {
            QCOMPARE(line->at(qsizetype(r)).x(), table.time()[r]);
            QCOMPARE(line->at(qsizetype(r)).y(), table.values(std::size_t(c))[r]);
        }
    }
    // Per-node lines for one node are that node's columns.
    live.charts()->setScope(QStringLiteral("node:replica1"));
    for (const char* column : {"replica1.utilization", "replica1.queue", "replica1.lag_ms"}) {
        QLineSeries* line = live.charts()->lineFor(column);
        QVERIFY2(line, column);
        QCOMPARE(std::size_t(line->count()), table.rows());
        const auto& values = table.values(std::size_t(table.column(column)));
        for (std::size_t r = 0; r < table.rows(); r += 37)
            QCOMPARE(line->at(qsizetype(r)).y(), values[r]);
    }
    // The scheduled failure is marked on the time axis of every chart.
    const auto& markers = live.charts()->charts().front()->markers();
    QVERIFY(std::any_of(markers.begin(), markers.end(), [](const auto& m) {
        return m.text == QLatin1String("db down") && std::abs(m.timeSeconds - 30) < 1e-9;
    }));
    QCOMPARE(live.run().result()->total, expected.total);
    QVERIFY(live.runBar()->clockLabel()->text().contains(QLatin1String("40.0 s / 40.0 s")));
}

void LiveTest::longRunsMergeRowsLikeTheEngine() {
    // 0.01 s rows over 60 s: the engine's table fills (4,096 rows) and merges row pairs;
    // the window's copy must follow it row for row.
    const design::Design design = stepFour();
    emu::RunSettings settings;
    settings.seed = 3;
    settings.durationSeconds = 60;
    settings.resolutionSeconds = 0.01;
    LiveRun run;
    QVERIFY(run.start(design, settings).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!run.isActive(), 60000);
    const emu::RunResult expected = comp::runDesign(design, settings);
    QVERIFY(expected.series.mergeFactor() >= 2);
    QCOMPARE(run.record().rows(), expected.series.rows());
    QCOMPARE(run.record().toSeriesTable().toCsv(), expected.series.toCsv());
}

void LiveTest::rightClickFailCausesFailover() {
    design::Design design = stepFour();
    design.faults.clear(); // the failure comes from the right-click instead
    auto window = openWindow(design);
    LiveSession& live = *window->live();
    setRun(live, 3, 40, 0, 20);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(live.run().clockSeconds() > 4, 20000);
    QVERIFY(live.run().isActive());

    // Right-click the primary and choose "Fail".
    NodeItem* primary = window->scene().nodeItem(design::NodeId{"db"});
    QVERIFY(primary);
    QMenu menu;
    window->populateCanvasMenu(&menu, primary->scenePos());
    auto* fail = menu.findChild<QAction*>(QStringLiteral("actionLiveFail"));
    QVERIFY(fail);
    QVERIFY(fail->text().contains(QLatin1String("Primary")));
    const double failedAt = live.run().clockSeconds();
    fail->trigger();

    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "promoted") == 1, 20000);
    const RunRecord& record = live.run().record();
    const emu::LogEvent* down = firstEvent(record, "node_failed");
    const emu::LogEvent* failover = firstEvent(record, "failover");
    const emu::LogEvent* promoted = firstEvent(record, "promoted");
    QVERIFY(down && failover && promoted);
    QCOMPARE(down->node, std::string("db"));
    QCOMPARE(failover->node, std::string("db"));
    QVERIFY(promoted->node == "replica1" || promoted->node == "replica2");
    // Failed when clicked (the clock shown is up to a snapshot old), failover after
    // detection (5 s).
    QVERIFY(emu::toSeconds(down->time) >= failedAt);
    QVERIFY(emu::toSeconds(down->time) < failedAt + 3); // a snapshot is 1 s at 20x
    QVERIFY(emu::toSeconds(failover->time) - emu::toSeconds(down->time) >= 5 - 1e-9);

    // The canvas shows it: the primary is down with a badge; the promoted replica flashed.
    live.run().drain();
    QTRY_VERIFY(primary->decoration().down);
    NodeOverlay* overlay = live.canvas()->overlay("db");
    QVERIFY(overlay);
    QVERIFY(std::any_of(overlay->badges().begin(), overlay->badges().end(),
                        [](const NodeBadge& b) { return b.text == QLatin1String("Down"); }));
    QVERIFY(live.canvas()->nodeToolTip("db").contains(QLatin1String("down")));
    // Writes failed while no primary took them, then the promoted replica served them.
    live.runBar()->setSpeed(0);
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 30000);
    live.health()->refresh();
    QTableView* table = live.health()->table();
    QCOMPARE(table->model()->rowCount(), int(design.nodes.size()));
    // Worst first: the failed primary is at the top of the health matrix.
    QCOMPARE(table->model()->index(0, 0).data(HealthMatrixModel::kNodeIdRole).toString(),
             QStringLiteral("db"));
    QCOMPARE(table->model()->index(0, HealthMatrixModel::HealthColumn).data().toString(),
             QStringLiteral("DOWN"));
    QVERIFY(live.run().result()->failed > 0);
}

void LiveTest::pauseStopsTheClock() {
    auto window = openWindow(stepFour());
    LiveSession& live = *window->live();
    setRun(live, 1, 600, 0, 1);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(live.run().clockSeconds() > 0.3, 10000);
    live.runBar()->pauseAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(live.run().isPaused(), 5000);
    QVERIFY(live.runBar()->stepAction()->isEnabled());
    QVERIFY(!live.runBar()->pauseAction()->isEnabled());
    // The engine publishes its paused snapshot last: what the window shows now stays.
    live.run().drain();
    const double stopped = live.run().clockSeconds();
    QVERIFY(live.run().latest()->paused);
    const std::size_t rows = live.run().record().rows();

    // A step advances one sample interval (0.1 s) and pauses again.
    live.runBar()->stepAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(live.run().record().rows() == rows + 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(live.run().isPaused(), 5000);
    live.run().drain();
    QVERIFY(std::abs(live.run().clockSeconds() - (stopped + 0.1)) < 0.1 + 1e-6);
    const double afterStep = live.run().clockSeconds();

    live.runBar()->playAction()->trigger(); // resume
    QTRY_VERIFY_WITH_TIMEOUT(live.run().clockSeconds() > afterStep + 0.2, 5000);
    live.runBar()->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 5000);
    QVERIFY(live.run().result()->stopped);
}

void LiveTest::liveEditReachesTheEngine() {
    design::Design design = stepFour();
    design.faults.clear();
    auto window = openWindow(design);
    LiveSession& live = *window->live();
    setRun(live, 2, 200, 0, 20);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(live.run().clockSeconds() > 3, 10000);
    QVERIFY(!window->palette()->isEnabled()); // no new parts while running
    QVERIFY(window->palette()->isVisible());  // but it stays, so the canvas does not move

    // The inspector's edit: 2,000 req/s of users becomes a fixed 500 req/s.
    // users.offered_rps is the population's own gauge (the system's offered_rps counts
    // arrivals, with Poisson noise).
    const double before = lastValue(live.run().record(), "users.offered_rps");
    QVERIFY(std::abs(before - 2000) < 1e-9);
    window->document().undoStack().push(new ChangePropertyCommand(
        window->document(), {design::NodeId{"users"}}, PropertyPath{"rate_rps", {}}, 500.0));
    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "property_changed", "users") == 1,
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::abs(lastValue(live.run().record(), "users.offered_rps") - 500) < 1e-9, 10000);
    // A choice cannot change live: it is logged as applying to the next run.
    window->document().undoStack().push(new ChangePropertyCommand(
        window->document(), {design::NodeId{"db"}}, PropertyPath{"replication", {}}, "sync"));
    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "live_edit_ignored", "db") == 1,
                             10000);
    live.run().stop();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 10000);
    QVERIFY(window->palette()->isEnabled());
    QVERIFY(window->palette()->isVisible());
}

void LiveTest::spikeMultipliesOfferedLoad() {
    design::Design design = stepFour();
    design.faults.clear();
    auto window = openWindow(design);
    LiveSession& live = *window->live();
    setRun(live, 4, 300, 0, 20);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(live.run().clockSeconds() > 2, 10000);
    TrafficDock* traffic = live.traffic();
    QVERIFY(traffic->isEnabled());
    traffic->spikeFactor()->setValue(3);
    traffic->burstSeconds()->setValue(4);
    traffic->findChild<QPushButton*>(QStringLiteral("trafficSpike"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "burst_over", "users") == 1, 20000);
    const emu::LogEvent* start = firstEvent(live.run().record(), "burst");
    QVERIFY(start);
    const double t0 = emu::toSeconds(start->time);
    // Offered load is 3x the designed 2,000 req/s during the burst, and back after it.
    QTRY_VERIFY_WITH_TIMEOUT(
        live.run().record().rows() && live.run().record().times.back() > t0 + 6, 20000);
    const RunRecord& record = live.run().record();
    QCOMPARE(meanBetween(record, "users.offered_rps", t0 + 0.2, t0 + 3.9), 6000.0);
    QCOMPARE(meanBetween(record, "users.offered_rps", t0 + 4.2, t0 + 6), 2000.0);
    // The arrivals the system counted follow: Poisson counts over 3.7 s at 6,000 req/s
    // have a standard deviation of about 0.7 %; 3 % is more than four of them.
    const double during = meanBetween(record, "offered_rps", t0 + 0.2, t0 + 3.9);
    QVERIFY2(std::abs(during - 6000) < 180, qPrintable(QString::number(during)));
    live.run().stop();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 10000);
}

void LiveTest::trafficDotsFollowTheRate() {
    QCOMPARE(TrafficLayer::dotsFor(0), 0);
    QCOMPARE(TrafficLayer::dotsFor(1), 1);
    int previous = 0;
    for (double rps : {1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e9}) {
        QVERIFY(TrafficLayer::dotsFor(rps) >= previous);
        previous = TrafficLayer::dotsFor(rps);
    }
    QVERIFY(TrafficLayer::dotsFor(1e6) <= 14); // a sample, not a million dots
    QVERIFY(TrafficLayer::dotsFor(1e4) > TrafficLayer::dotsFor(10));

    auto window = openWindow(stepFour());
    LiveSession& live = *window->live();
    setRun(live, 1, 300, 0, 5);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(live.canvas()->traffic()->dotCount() > 0, 10000);
    QVERIFY(live.canvas()->traffic()->isVisible());
    QVERIFY(live.canvas()->legend()->isVisible());
    // Loaded nodes carry a utilisation ring and the replicas their lag.
    QTRY_VERIFY_WITH_TIMEOUT(live.canvas()->overlay("web1") &&
                                 live.canvas()->overlay("web1")->utilisation().value_or(0) > 0,
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(live.canvas()->overlay("replica1")->badges().begin(),
                    live.canvas()->overlay("replica1")->badges().end(),
                    [](const NodeBadge& b) { return b.text.startsWith(QLatin1String("lag")); }),
        10000);
    QVERIFY(live.canvas()->linkToolTip("lb", "web1").contains(QLatin1String("req/s")));
    live.run().stop();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 10000);
    QVERIFY(!live.canvas()->traffic()->isVisible());
}

void LiveTest::eventLogFiltersAndSelects() {
    auto window = openWindow(stepFour());
    LiveSession& live = *window->live();
    setRun(live, 1, 45, 0, 0);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    EventLogDock* log = live.eventLog();
    QCOMPARE(log->model()->rowCount(), int(live.run().record().events.size()));
    log->categoryBox()->setCurrentIndex(log->categoryBox()->findData(QStringLiteral("failover")));
    QVERIFY(log->visibleRows() >= 3); // detected_down, failover, promoted
    for (int r = 0; r < log->visibleRows(); ++r)
        QCOMPARE(EventLogModel::category(log->table()
                                             ->model()
                                             ->index(r, EventLogModel::KindColumn)
                                             .data()
                                             .toString()
                                             .toStdString()),
                 QStringLiteral("failover"));
    log->categoryBox()->setCurrentIndex(0);
    log->filterEdit()->setText(QStringLiteral("promoted"));
    QCOMPARE(log->visibleRows(), 1);
    // Clicking the entry selects the promoted replica on the canvas.
    const QModelIndex entry = log->table()->model()->index(0, EventLogModel::NodeColumn);
    QTest::mouseClick(log->table()->viewport(), Qt::LeftButton, {},
                      log->table()->visualRect(entry).center());
    const auto selected = window->scene().selectedNodes();
    QCOMPARE(selected.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(selected.front().value), entry.data().toString());
}

void LiveTest::compareOverlaysTheEarlierRun() {
    auto window = openWindow(stepFour());
    LiveSession& live = *window->live();
    setRun(live, 1, 20, 0, 0);
    QVERIFY(!live.runBar()->compareAction()->isEnabled());
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    QVERIFY(live.runBar()->compareAction()->isEnabled());
    const RunRecord first = live.run().record();

    live.runBar()->seedBox()->setValue(2);
    live.runBar()->compareAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    live.charts()->flush();
    QVERIFY(live.charts()->hasBaseline());
    QLineSeries* now = live.charts()->lineFor("latency_p99_ms");
    QLineSeries* before = live.charts()->baselineFor("latency_p99_ms");
    QVERIFY(now && before);
    QVERIFY(before->name().contains(QLatin1String("seed 1")));
    const int c = first.column("latency_p99_ms");
    QCOMPARE(std::size_t(before->count()), first.rows());
    bool differs = false;
    for (std::size_t r = 0; r < first.rows(); ++r) {
        QCOMPARE(before->at(qsizetype(r)).y(), first.values[std::size_t(c)][r]);
        differs |= now->at(qsizetype(r)).y() != before->at(qsizetype(r)).y();
    }
    QVERIFY(differs); // another seed, other numbers
    window->findChild<QAction*>(QStringLiteral("actionRunClearComparison"))->trigger();
    QVERIFY(!live.charts()->baselineFor("latency_p99_ms"));
}

void LiveTest::alertBannerNamesTheNode() {
    auto loaded =
        design::readDesignFile(SCALEBOARD_SOURCE_DIR "/resources/templates/step10-monitoring.json",
                               comp::ComponentRegistry::builtin());
    QVERIFY(loaded.ok());
    auto window = openWindow(*loaded.design);
    LiveSession& live = *window->live();
    AlertBanner* banner = live.canvas()->alertBanner();
    QString shown;
    connect(&live.run(), &LiveRun::eventsAdded, this, [&] {
        if (shown.isEmpty() && !banner->text().isEmpty())
            shown = banner->text();
    });
    setRun(live, 1, 60, 5, 0);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    const emu::LogEvent* fired = firstEvent(live.run().record(), "alert_fired");
    QVERIFY(fired);
    QVERIFY2(shown.contains(QString::fromStdString(fired->node)), qPrintable(shown));
    qInfo("banner: %s", qPrintable(shown));
    // In plain words: what is watched, its value, how long, and the limit.
    QVERIFY2(shown.contains(QLatin1String("Monitoring")) &&
                 shown.contains(QLatin1String("limit")) &&
                 shown.contains(QLatin1String("for more than")),
             qPrintable(shown));
    QVERIFY2(!shown.contains(QLatin1String("rule=")), qPrintable(shown));
    // The run is over: no alert is firing any more, so the banner is gone.
    QVERIFY(banner->text().isEmpty());
}

void LiveTest::partitionAndChaosFromTheFaultPanel() {
    const auto design = templateWithoutFaults("step11-multi-datacentre.json");
    QVERIFY(design.has_value());
    auto window = openWindow(*design);
    LiveSession& live = *window->live();
    setRun(live, 1, 300, 0, 20);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(live.run().clockSeconds() > 2, 10000);
    FaultDock* faults = live.faults();
    faults->dataCentreBox()->setCurrentIndex(faults->dataCentreBox()->findData("dc-east"));
    faults->peerBox()->setCurrentIndex(faults->peerBox()->findData("dc-west"));
    faults->findChild<QPushButton*>(QStringLiteral("faultPartition"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "partition", "dc-east") == 1, 10000);
    // Links between the two data centres are cut in the engine and drawn cut.
    QTRY_VERIFY_WITH_TIMEOUT(live.run().latest() &&
                                 std::any_of(live.run().latest()->links.begin(),
                                             live.run().latest()->links.end(),
                                             [](const emu::LinkSnapshot& l) { return l.cut; }),
                             10000);
    faults->findChild<QPushButton*>(QStringLiteral("faultHeal"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "partition_healed") == 1, 10000);

    // Chaos with a short MTBF fails nodes; switching it off brings them all back.
    faults->findChild<QDoubleSpinBox*>(QStringLiteral("faultMtbf"))->setValue(5);
    faults->findChild<QDoubleSpinBox*>(QStringLiteral("faultMttr"))->setValue(60);
    faults->chaosBox()->setChecked(true);
    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "chaos") >= 2, 20000);
    faults->chaosBox()->setChecked(false);
    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "chaos_stopped") == 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(live.run().latest()->nodes.begin(),
                                         live.run().latest()->nodes.end(),
                                         [](const emu::NodeSnapshot& n) { return n.up; }),
                             10000);
    QVERIFY(countEvents(live.run().record(), "node_recovered") >=
            countEvents(live.run().record(), "chaos"));
    live.run().stop();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 10000);
}

void LiveTest::cacheMissStormLoadsTheDatabase() {
    const auto design = templateWithoutFaults("step05-cache.json");
    QVERIFY(design.has_value());
    auto window = openWindow(*design);
    LiveSession& live = *window->live();
    setRun(live, 5, 300, 0, 20);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(live.run().clockSeconds() > 12, 20000);
    live.traffic()->burstSeconds()->setValue(5);
    live.traffic()->findChild<QPushButton*>(QStringLiteral("trafficCacheMissStorm"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(countEvents(live.run().record(), "burst_over", "cache") == 1, 20000);
    const double t0 = emu::toSeconds(firstEvent(live.run().record(), "burst")->time);
    const RunRecord& r = live.run().record();
    // Reads the cache no longer answers go to the replicas: their load rises.
    auto dbLoad = [&](double from, double to) {
        return meanBetween(r, "replica1.utilization", from, to) +
               meanBetween(r, "replica2.utilization", from, to);
    };
    const double before = dbLoad(t0 - 5, t0);
    const double during = dbLoad(t0 + 0.5, t0 + 5);
    QVERIFY2(during > 1.5 * before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(during)));
    live.run().stop();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 10000);
}

void LiveTest::healthShowsMeasuredTimeInNode() {
    // Clients at 80 req/s into one web server with 10 workers and 100 ms exponential
    // service (M/M/10 at rho 0.8): the health matrix's latency for the server is the time
    // requests spent there, which Erlang C predicts.
    auto window = openWindow(test::mmcDesign(80, 10));
    LiveSession& live = *window->live();
    setRun(live, 1, 5000, 50, 0);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    live.health()->refresh();
    QAbstractItemModel* model = live.health()->table()->model();
    int webRow = -1;
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data(HealthMatrixModel::kNodeIdRole).toString() == "web")
            webRow = r;
    QVERIFY(webRow >= 0);
    const QModelIndex latency = model->index(webRow, HealthMatrixModel::Latency);
    const double shownMs = latency.data(HealthMatrixModel::kSortRole).toDouble();
    const double theoryMs = 1e3 * test::mmcResponseTime(10, 80, 10);
    qInfo("health matrix: %.2f ms in the web server (theory %.2f ms)", shownMs, theoryMs);
    QVERIFY(std::abs(shownMs - theoryMs) / theoryMs < 0.03);
    QVERIFY(latency.data().toString().endsWith(QLatin1String(" ms")));
    QVERIFY(latency.data(Qt::ToolTipRole).toString().contains(QLatin1String("Measured")));
}

/// The smallest size the window can take, and which of its parts ask for the most.
QSize smallestSize(QMainWindow& window) {
    const QSize least = window.minimumSizeHint().expandedTo(window.minimumSize());
    for (QWidget* part : window.findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly))
        if (part->isVisible() &&
            (part->minimumSizeHint().width() > 300 || part->minimumSizeHint().height() > 300))
            qInfo("  %s %s asks for at least %dx%d", part->metaObject()->className(),
                  qPrintable(part->windowTitle() + part->objectName()),
                  part->minimumSizeHint().width(), part->minimumSizeHint().height());
    return least;
}

void LiveTest::theWindowFitsALaptop() {
    // A 1366x768 laptop: the window must never insist on more than 1280x720, whichever
    // template is open, and not after a run either (the live docks appear then). The
    // window as the app opens it: with the docks the reports layer adds (review, run
    // history, replay, practice, experiments).
    const QSize limit(1280, 720);
    app::installWindowExtensions();
    auto window = openWindow(stepFour());
    window->resize(1366, 768);
    const QStringList files = QDir(SCALEBOARD_SOURCE_DIR "/resources/templates")
                                  .entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(files.size() >= 11); // the eleven steps and the templates beyond them
    for (const QString& name : files) {
        const std::string file = name.toStdString();
        auto design = templateWithoutFaults(file);
        QVERIFY2(design, file.c_str());
        window->document().reset(*design);
        QCoreApplication::processEvents();
        const QSize least = smallestSize(*window);
        qInfo("%s: at least %dx%d", file.c_str(), least.width(), least.height());
        QVERIFY(least.width() <= limit.width() && least.height() <= limit.height());
    }
    window->document().reset(stepFour());
    LiveSession& live = *window->live();
    setRun(live, 1, 5, 0, 0);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    QCoreApplication::processEvents();
    const QSize afterRun = smallestSize(*window);
    qInfo("after a run: at least %dx%d", afterRun.width(), afterRun.height());
    QVERIFY(afterRun.width() <= limit.width() && afterRun.height() <= limit.height());
}

void LiveTest::openingADesignStartsEveryLiveViewOver() {
    // Run step 11 (two data centres, a monitor that alerts), then open step 3: nothing of
    // step 11 may stay in any live view.
    auto window = openWindow(stepFour());
    LiveSession& live = *window->live();
    const auto first = templateWithoutFaults("step11-multi-datacentre.json");
    const auto second = templateWithoutFaults("step03-load-balancer.json");
    QVERIFY(first && second);
    window->document().reset(*first);
    setRun(live, 1, 20, 0, 0);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    QVERIFY(live.run().record().rows() > 0);
    live.charts()->setBaseline(live.run().record()); // a comparison is on, too

    window->document().reset(*second);
    QCoreApplication::processEvents();
    std::set<QString> ids;
    for (const auto& n : second->nodes)
        ids.insert(QString::fromStdString(n.id.value));
    QVERIFY(!live.run().isActive() && !live.run().result());
    QCOMPARE(live.run().record().rows(), std::size_t(0));
    QCOMPARE(live.run().record().nodes.size(), second->nodes.size());
    // Health: the new design's nodes and nothing else, none of them down.
    QAbstractItemModel* health = live.health()->table()->model();
    QCOMPARE(health->rowCount(), int(second->nodes.size())); // step 3 has no monitor
    for (int r = 0; r < health->rowCount(); ++r) {
        QVERIFY(ids.count(health->index(r, 0).data(HealthMatrixModel::kNodeIdRole).toString()));
        QVERIFY(health->index(r, HealthMatrixModel::HealthColumn).data().toString() != "DOWN");
    }
    // The event log is empty; the charts have no line and no comparison left.
    QCOMPARE(live.eventLog()->findChild<QTableView*>("eventTable")->model()->rowCount(), 0);
    QVERIFY(!live.charts()->lineFor("throughput_rps") ||
            live.charts()->lineFor("throughput_rps")->count() == 0);
    QVERIFY(!live.charts()->baselineFor("throughput_rps"));
    for (SeriesChartView* chart : live.charts()->charts())
        QVERIFY(chart->markers().empty());
    // Faults and traffic list the new design's links, data centres and populations.
    auto* links = live.faults()->findChild<QComboBox*>("faultLink");
    QCOMPARE(links->count(), int(second->links.size()));
    for (int i = 0; i < links->count(); ++i) {
        const QStringList ends = links->itemData(i).toString().split("->");
        QVERIFY(ends.size() == 2 && ids.count(ends[0]) && ids.count(ends[1]));
    }
    QCOMPARE(live.faults()->findChild<QComboBox*>("faultDataCentre")->count(),
             int(second->datacentres.size()));
    auto* clients = live.traffic()->findChild<QComboBox*>("trafficClients");
    for (int i = 1; i < clients->count(); ++i)
        QVERIFY(ids.count(clients->itemData(i).toString()));
    // Run it: the record's series are the new design's, with none of step 11's nodes.
    setRun(live, 1, 5, 0, 0);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    const RunRecord& record = live.run().record();
    QVERIFY(record.rows() > 0);
    QCOMPARE(record.values.size(), record.columns.size());
    std::set<QString> withColumns;
    for (const std::string& column : record.columns)
        if (const auto dot = column.find('.'); dot != std::string::npos) {
            const QString node = QString::fromStdString(column.substr(0, dot));
            QVERIFY2(ids.count(node), column.c_str());
            withColumns.insert(node);
        }
    QCOMPARE(withColumns, ids);
}

void LiveTest::aRefusedRunShowsTheFirstProblem() {
    auto design = templateWithoutFaults("step04-replication.json");
    QVERIFY(design);
    auto window = openWindow(*design);
    LiveSession& live = *window->live();
    setRun(live, 1, 2, 0, 0);
    QVERIFY(live.play()); // a first run brings the charts to the front of the Problems tab
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 30000);
    for (auto& n : design->nodes)
        if (n.id.value == "web2")
            n.props["workers"] = 0; // out of range: an error
    window->document().reset(*design);
    QCoreApplication::processEvents();
    QVERIFY(window->problems()->visibleRegion().isEmpty()); // behind the charts
    QVERIFY(!live.play());
    QVERIFY(!live.run().isActive());
    ProblemsDock* problems = window->problems();
    QVERIFY(problems->isVisible());
    QVERIFY(!problems->visibleRegion().isEmpty()); // in front of its tab group
    QVERIFY(problems->list()->currentItem());
    QVERIFY(problems->list()->currentItem()->text().contains(QLatin1String("workers")));
    const auto selected = window->scene().selectedNodes();
    QCOMPARE(selected.size(), std::size_t(1));
    QCOMPARE(selected.front().value, std::string("web2"));
    // The status bar says what is wrong, and never "ready" on an empty design.
    auto* summary = window->findChild<QLabel*>(QStringLiteral("problemSummary"));
    QVERIFY(summary->text().contains(QLatin1String("1 error")));
    window->document().reset({});
    QCoreApplication::processEvents();
    QVERIFY(summary->text().startsWith(QLatin1String("Empty design")));
}

void LiveTest::theCanvasKeepsItsPlaceWhenARunStarts() {
    // A click where Web 1 was must still land on Web 1 once the run has started.
    auto design = templateWithoutFaults("step04-replication.json");
    QVERIFY(design);
    auto window = openWindow(*design);
    LiveSession& live = *window->live();
    QCoreApplication::processEvents();
    QWidget* canvas = window->view().viewport();
    const QPoint before = canvas->mapTo(window.get(), QPoint(0, 0));
    const QPointF sceneBefore = window->view().mapToScene(QPoint(100, 100));
    setRun(live, 1, 600, 0, 1);
    QVERIFY(live.play());
    QCoreApplication::processEvents();
    QCOMPARE(canvas->mapTo(window.get(), QPoint(0, 0)), before);
    QCOMPARE(window->view().mapToScene(QPoint(100, 100)), sceneBefore);
    QVERIFY(window->palette()->isVisible() && !window->palette()->isEnabled());
    live.runBar()->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 10000);
    QVERIFY(window->palette()->isEnabled());
}

void LiveTest::aTrippedBreakerShowsOnItsLinkNodeAndHealth() {
    // Users whose client library has a circuit breaker call one web server, which fails
    // from 5 s to 25 s: the breaker opens after the failures, probes half-open, and closes
    // once the server is back.
    design::Design d;
    auto loaded = design::readDesign(R"({
      "format": "scaleboard-design", "version": 1, "name": "breaker",
      "nodes": [
        {"id": "users", "kind": "clients", "x": 0, "y": 0, "props": {"rate_rps": 200,
          "mix": {"read": 1, "write": 0, "static": 0},
          "call_policy": {"timeout_ms": 500, "breaker": true, "breaker_min_calls": 20,
                          "breaker_window_s": 2, "breaker_open_s": 2}}},
        {"id": "web", "kind": "web_server", "x": 300, "y": 0, "props": {"embedded_db_ms": 0}}
      ],
      "links": [{"from": "users", "to": "web"}],
      "faults": [{"at_s": 5, "target": "web", "action": "fail", "duration_s": 20}],
      "run": {"duration_s": 40, "warmup_s": 0, "seed": 1}
    })",
                                     comp::ComponentRegistry::builtin());
    QVERIFY2(loaded.ok(), design::formatProblems(loaded.problems).c_str());
    auto window = openWindow(*loaded.design);
    LiveSession& live = *window->live();
    setRun(live, 1, 40, 0, 0);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    const timeline::Timeline t = live.run().recorder()->timeline();
    const int gauge = t.column("users.breaker_open");
    QVERIFY(gauge >= 0);
    // The first sample with the breaker open, and one before the failure.
    std::size_t open = 0;
    while (open < t.samples() && t.value(open, std::size_t(gauge)) < 1)
        ++open;
    QVERIFY2(open < t.samples(), "the breaker never opened");
    // Within its 2 s window of the failure (half the window's calls failed by then).
    QVERIFY2(t.time(open) > 5 && t.time(open) <= 7.1, QByteArray::number(t.time(open)));
    const design::LinkId link{design::NodeId{"users"}, design::NodeId{"web"}};
    const auto badges = [&] {
        const auto& all = live.canvas()->overlay("users")->badges();
        QStringList texts;
        for (const NodeBadge& b : all)
            texts << b.text;
        return texts;
    };
    live.canvas()->showMoment(t.snapshotAt(open - 1), t.snapshotAt(open));
    QVERIFY(live.canvas()->traffic()->breakerOn(link) == BreakerState::Open);
    QVERIFY2(badges().contains(QStringLiteral("breaker open")), qPrintable(badges().join(',')));
    live.health()->showMoment(live.run().record(), t.time(open));
    QAbstractItemModel* health = live.health()->table()->model();
    QString usersHealth;
    for (int r = 0; r < health->rowCount(); ++r)
        if (health->index(r, 0).data(HealthMatrixModel::kNodeIdRole).toString() == "users")
            usersHealth = health->index(r, HealthMatrixModel::HealthColumn).data().toString();
    QCOMPARE(usersHealth, QStringLiteral("breaker open"));

    const std::size_t before = t.sampleAt(4);
    live.canvas()->showMoment(t.snapshotAt(before - 1), t.snapshotAt(before));
    QVERIFY(live.canvas()->traffic()->breakerOn(link) == BreakerState::Closed);
    QVERIFY(!badges().join(',').contains(QStringLiteral("breaker")));
    // Closed again at the end, after the server came back.
    QCOMPARE(t.value(t.samples() - 1, std::size_t(gauge)), 0.0);
}

QTEST_MAIN(LiveTest)
#include "LiveTest.moc"

void LiveTest::presentationModeFloatsThePanelsAndShowsWhatFails() {
    auto design = templateWithoutFaults("step01-single-server.json");
    QVERIFY(design.has_value());
    design->faults.push_back({3, "web1", "fail", {{"duration_s", 20}}});
    auto window = openWindow(*design);
    LiveSession& live = *window->live();
    QAction* present = window->action(QStringLiteral("actionPresentation"));
    QVERIFY(present);
    QCOMPARE(present->shortcut(), QKeySequence(Qt::Key_F11));
    QWidget* chartsBody = live.charts()->widget();
    QVERIFY(chartsBody);

    present->trigger();
    PresentationMode& mode = *window->presentation();
    QVERIFY(mode.isActive());
    QVERIFY(window->isFullScreen());
    QVERIFY(!window->menuBar()->isVisible());
    QVERIFY(live.runBar()->isVisible()); // Run, Pause and Step stay at hand
    QVERIFY(!live.charts()->isVisible());
    QCOMPARE(mode.panels().size(), std::size_t(3));
    for (QFrame* panel : mode.panels()) {
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->parentWidget(), &window->view()); // floating over the canvas
        QVERIFY(panel->palette().color(QPalette::Base).alpha() < 255);
    }
    // The health matrix and the event log in large type (the charts keep theirs).
    for (QFrame* panel : {mode.panels()[1], mode.panels()[2]})
        QVERIFY(panel->font().pointSizeF() > window->font().pointSizeF());
    QVERIFY(mode.panels().front()->isAncestorOf(chartsBody));
    QVERIFY(live.canvas()->isPresenting());

    // The effects follow what the run measures: the failed server pulses, and counters of
    // the requests failing rise from the nodes that fail them.
    std::set<std::string> pulsed;
    int risers = 0;
    connect(&live.run(), &LiveRun::frame, this, [&](const emu::SnapshotPtr& s) {
        for (const emu::NodeSnapshot& n : s->nodes)
            if (NodeOverlay* o = live.canvas()->overlay(n.id)) {
                if (o->isPulsing())
                    pulsed.insert(n.id);
                risers = std::max(risers, o->risingCount());
            }
    });
    setRun(live, 1, 26, 0, 10);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
    QVERIFY2(pulsed.count("web1"), "the failed server did not pulse");
    QVERIFY(risers > 0);
    QVERIFY(countEvents(live.run().record(), "node_failed", "web1") == 1);

    present->trigger();
    QVERIFY(!mode.isActive());
    QVERIFY(mode.panels().empty());
    QVERIFY(window->menuBar()->isVisible());
    QVERIFY(!window->isFullScreen());
    QCOMPARE(live.charts()->widget(), chartsBody); // the dock has its charts back
    QVERIFY(!live.canvas()->isPresenting());
}

void LiveTest::theLegendAndMiniMapLeaveNodesUncovered() {
    const auto design = templateWithoutFaults("step11-multi-datacentre.json");
    QVERIFY(design.has_value());
    auto window = openWindow(*design);
    window->resize(1366, 768);
    QCoreApplication::processEvents();
    LiveSession& live = *window->live();
    DesignView& view = window->view();
    auto nodeUnder = [&](QWidget* overlay) {
        if (!overlay->isVisible())
            return false;
        const QRect onView(overlay->mapTo(&view, QPoint(0, 0)), overlay->size());
        // Only what lies over the canvas can cover anything.
        const QRect inViewport =
            onView.translated(-view.viewport()->pos()) & view.viewport()->rect();
        if (inViewport.isEmpty())
            return false;
        for (QGraphicsItem* item : view.items(inViewport))
            if (item->type() == NodeItem::Type)
                return true;
        return false;
    };
    setRun(live, 1, 300, 0, 1);
    QVERIFY(live.play());
    QTRY_VERIFY_WITH_TIMEOUT(live.canvas()->legend()->isVisible(), 10000);
    // Zoomed and panned anywhere, neither the legend nor the minimap covers a node.
    for (double zoom : {0.25, 0.5, 1.0})
        for (QPointF centre : {QPointF(300, 600), QPointF(900, 700), QPointF(1500, 300)}) {
            view.setZoom(zoom);
            view.centerOn(centre);
            QVERIFY2(!nodeUnder(live.canvas()->legend()), "the legend covers a node");
            QVERIFY2(!nodeUnder(view.miniMap()), "the minimap covers a node");
        }
    live.run().stop();
    QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 10000);
}

void LiveTest::chartMarkerLabelsNeverOverlap() {
    SeriesChartView chart(QStringLiteral("Error rate"), QStringLiteral("fraction"));
    chart.resize(360, 220);
    std::vector<SeriesChartView::Marker> markers;
    // A data-centre outage: a dozen nodes go down within a second, then a failover.
    for (int i = 0; i < 12; ++i)
        markers.push_back({30 + i * 0.05, QStringLiteral("e-web%1 down").arg(i)});
    markers.push_back({34, QStringLiteral("DNS failover")});
    markers.push_back({50, QStringLiteral("dc-east up")});
    chart.setMarkers(markers);
    chart.fit(60, 1);
    chart.grab(); // paints, and lays the labels out
    const auto& labels = chart.markerLabels();
    QVERIFY(!labels.empty());
    for (std::size_t a = 0; a < labels.size(); ++a)
        for (std::size_t b = a + 1; b < labels.size(); ++b)
            QVERIFY2(!labels[a].rect.intersects(labels[b].rect),
                     qPrintable(labels[a].text + QStringLiteral(" / ") + labels[b].text));
    // Every marker's full text is in some label's tooltip.
    QString tips;
    for (const auto& l : labels)
        tips += l.text + QLatin1Char('\n');
    for (const auto& m : markers)
        QVERIFY2(tips.contains(m.text), qPrintable(m.text));
}
