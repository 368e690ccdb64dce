// Running a design: determinism (same seed, same numbers and trace fingerprint), the
// measurement window, measured time in node, real-time pacing on a clock the test moves,
// pause/step/stop, snapshots, several runs on a thread pool. No test here reads the wall
// clock or sleeps.
#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "emulator/Pacer.h"
#include "emulator/RunControl.h"
#include "tests/common/MmcDesign.h"
#include "tests/common/Queueing.h"

#include <QtTest>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>

using namespace sb;
using Clock = emu::WallClock::Clock;

namespace {

design::Design twoTierDesign(double rate) {
    const std::string text = R"({"format":"scaleboard-design","version":1,"name":"two tier",
      "nodes":[{"id":"users","kind":"clients","props":{"rate_rps":)" +
                             std::to_string(rate) + R"(}},
               {"id":"web1","kind":"web_server","props":{"workers":8,"service_ms":10}},
               {"id":"web2","kind":"web_server","props":{"workers":8,"service_ms":10,"service_dist":"lognormal"}}],
      "links":[{"from":"users","to":"web1"},{"from":"users","to":"web2","props":{"latency_ms":2,"jitter_ms":1}}],
      "faults":[{"at_s":3,"target":"web2","action":"fail","duration_s":1}]})";
    auto loaded = design::readDesign(text, comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("%s", design::formatProblems(loaded.problems).c_str());
    return *loaded.design;
}

nlohmann::json withoutWallClock(nlohmann::json j) {
    j["engine"].erase("wall_s");
    return j;
}

/// A wall clock the test moves: the engine's sleeps wait until the test advances it far
/// enough (or the run needs attention).
class ManualClock final : public emu::WallClock {
public:
    Clock::time_point now() override {
        std::lock_guard lock(m_mutex);
        return m_now;
    }
    void sleepFor(Clock::duration d) override {
        std::unique_lock lock(m_mutex);
        const auto until = m_now + d;
        ++m_sleepers;
        m_changed.notify_all();
        m_changed.wait(lock, [&] { return m_now >= until || m_woken; });
        m_woken = false;
        --m_sleepers;
        ++m_wakeups;
        m_changed.notify_all();
    }
    void wake() override {
        std::lock_guard lock(m_mutex);
        m_woken = true;
        m_changed.notify_all();
    }
    void advance(Clock::duration d) {
        std::unique_lock lock(m_mutex);
        m_now += d;
        m_changed.notify_all();
        // Wait until the sleeper has woken, so the next wait sees its next sleep.
        const std::uint64_t wakeups = m_wakeups;
        m_changed.wait(lock, [&] { return m_wakeups > wakeups || m_finished; });
    }
    /// Blocks until the engine waits for the clock (true) or the run has finished (false).
    bool waitForSleeperUnlessFinished() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_sleepers > 0 || m_finished; });
        return !m_finished;
    }
    void finish() {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    Clock::time_point m_now{};
    int m_sleepers = 0;
    std::uint64_t m_wakeups = 0;
    bool m_woken = false;
    bool m_finished = false;
};

class SnapshotCollector final : public emu::RunObserver {
public:
    explicit SnapshotCollector(ManualClock* clock = nullptr)
        : m_clock(clock) {}
    void snapshot(emu::SnapshotPtr s) override {
        std::lock_guard lock(mutex);
        snapshots.push_back(std::move(s));
    }
    void finished(std::shared_ptr<const emu::RunResult>) override {
        if (m_clock)
            m_clock->finish();
    }
    std::size_t rows() {
        std::lock_guard lock(mutex);
        std::size_t n = 0;
        for (const auto& s : snapshots)
            n += s->newRows.size();
        return n;
    }
    std::mutex mutex;
    std::vector<emu::SnapshotPtr> snapshots;

private:
    ManualClock* m_clock;
};

} // namespace

class EngineRunTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameResults() {
        const auto d = twoTierDesign(800);
        emu::RunSettings s;
        s.durationSeconds = 6;
        s.seed = 17;
        const auto a = comp::runDesign(d, s);
        const auto b = comp::runDesign(d, s);
        QCOMPARE(a.fingerprint, b.fingerprint);
        QCOMPARE(withoutWallClock(emu::toJson(a)), withoutWallClock(emu::toJson(b)));
        QCOMPARE(a.series.toCsv(), b.series.toCsv());
        QVERIFY(a.total > 4000);
        QCOMPARE(a.countEvents("node_failed"), std::size_t(1));

        s.seed = 18;
        const auto c = comp::runDesign(d, s);
        QVERIFY(c.fingerprint != a.fingerprint);
        QVERIFY(c.total != a.total || c.p99Ms != a.p99Ms);
    }

    void theBuilderRegistersTheComponentsOutcomesFirst() {
        // The component layer's reasons, counters and columns, the same in every run
        // whichever kinds the design has (this one has no database and no session store).
        auto sim = comp::buildSimulation(twoTierDesign(50), comp::ComponentRegistry::builtin(), 1);
        const emu::Outcomes& o = sim->outcomes();
        QCOMPARE(o.failReasonCount(), 9);
        QCOMPARE(o.name(static_cast<emu::FailReason>(7)), std::string_view("session_lost"));
        QCOMPARE(o.name(static_cast<emu::FailReason>(8)), std::string_view("write_rejected"));
        emu::RunSettings settings;
        settings.durationSeconds = 1;
        emu::RunControl control(std::move(sim), settings);
        const emu::RunResult r = control.runHere();
        const nlohmann::json data = emu::toJson(r)["data"];
        QCOMPARE(data, (nlohmann::json{{"stale_reads", 0},
                                       {"lost_writes", 0},
                                       {"recovered_writes", 0},
                                       {"conflicts", 0},
                                       {"session_misses", 0},
                                       {"lost_messages", 0}}));
        const auto& columns = r.series.columns();
        QCOMPARE(std::vector<std::string>(columns.begin() + 7, columns.begin() + 11),
                 (std::vector<std::string>{"latency_mean_ms", "stale_reads", "lost_writes",
                                           "users.utilization"}));
    }

    void aWarmUpExcludesTheSameTimeFromEveryCount() {
        // 30 s warm-up, then 120 s measured: the web server's counts and utilisation cover
        // the same window as the request totals (the reply needs no time on this link).
        emu::RunSettings s;
        s.durationSeconds = 150;
        s.warmupSeconds = 30;
        const emu::RunResult r = comp::runDesign(test::mmcDesign(60, 10), s);
        const emu::NodeResult* web = r.node("web");
        QVERIFY(web);
        QCOMPARE(r.virtualSeconds, 120.0);
        QCOMPARE(web->completed, r.ok);
        QVERIFY(web->arrivals >= web->completed);
        QVERIFY(web->arrivals - web->completed <= 30); // at most what is in service at the end
        QCOMPARE(web->served, web->completed);
        QVERIFY2(std::abs(web->utilization - 0.6) < 0.03,
                 qPrintable(QString::number(web->utilization)));
        const auto j = emu::toJson(r);
        QCOMPARE(j["nodes"]["web"]["completed"].get<std::uint64_t>(),
                 j["requests"]["ok"].get<std::uint64_t>());
    }

    void aNodesMeasuredTimeIsTheErlangCResponseTime() {
        // M/M/10 at rho = 0.8 through the components, as a user would draw it.
        emu::RunSettings s;
        s.durationSeconds = 5'000;
        s.warmupSeconds = 50;
        const emu::RunResult r = comp::runDesign(test::mmcDesign(80, 10), s);
        const emu::NodeResult* web = r.node("web");
        QVERIFY(web && web->served > 350'000);
        const double theoryMs = 1e3 * test::mmcResponseTime(10, 80, 10);
        qInfo("time in node: mean %.2f ms (theory %.2f), p50 %.2f, p99 %.2f, queue %.2f",
              web->latencyMeanMs, theoryMs, web->latencyP50Ms, web->latencyP99Ms, web->queueMean);
        QVERIFY(std::abs(web->latencyMeanMs - theoryMs) / theoryMs < 0.03);
        QVERIFY(web->latencyP50Ms < web->latencyMeanMs && web->latencyMeanMs < web->latencyP99Ms);
        // Little's law at the node: the mean queue is the arrival rate x the mean wait.
        const double waitS = (web->latencyMeanMs - 100.0) / 1e3;
        QVERIFY(std::abs(web->queueMean - 80 * waitS) / web->queueMean < 0.05);
        const auto j = emu::toJson(r)["nodes"]["web"];
        QCOMPARE(j["latency_ms"]["count"].get<std::uint64_t>(), web->served);
        QVERIFY(j.contains("queue_mean"));
    }

    void realTimePacingFollowsItsClock_data() {
        QTest::addColumn<double>("speed");
        QTest::addColumn<double>("virtualSeconds");
        QTest::newRow("1x for 3 s") << 1.0 << 3.0;
        QTest::newRow("10x for 20 s") << 10.0 << 20.0;
    }
    void realTimePacingFollowsItsClock() {
        // The pacer runs on a clock the test moves by hand: each time the engine waits for
        // it, the test lets 10 ms pass. The run must take virtual seconds / speed of that
        // clock, and the engine must never run ahead of it.
        QFETCH(double, speed);
        QFETCH(double, virtualSeconds);
        emu::RunSettings s;
        s.durationSeconds = virtualSeconds;
        s.speed = speed;
        ManualClock clock;
        SnapshotCollector collector(&clock);
        emu::RunControl control(
            comp::buildSimulation(twoTierDesign(200), comp::ComponentRegistry::builtin(), 1), s,
            &collector, &clock);
        control.start();
        std::chrono::nanoseconds passed{0};
        while (clock.waitForSleeperUnlessFinished()) {
            clock.advance(std::chrono::milliseconds(10));
            passed += std::chrono::milliseconds(10);
        }
        const double wall = std::chrono::duration<double>(passed).count();
        qInfo("%.1f virtual s at %.0fx took %.3f s of the clock", virtualSeconds, speed, wall);
        QVERIFY(std::abs(wall - virtualSeconds / speed) <= 0.011);
        std::lock_guard lock(collector.mutex);
        for (const auto& snap : collector.snapshots)
            QVERIFY(emu::toSeconds(snap->now) <= snap->wallSeconds * speed + 1e-9);
    }

    void pauseStopsTheClockAndStepAdvancesOneInterval() {
        emu::RunSettings s;
        s.durationSeconds = 60;
        SnapshotCollector collector;
        emu::RunControl control(
            comp::buildSimulation(twoTierDesign(200), comp::ComponentRegistry::builtin(), 1), s,
            &collector);
        control.pause(); // start paused: the run waits at t = 0
        control.start();
        QTRY_VERIFY(control.state() == emu::RunState::Paused && control.latestSnapshot());
        const auto first = control.latestSnapshot();
        QVERIFY(first->paused);
        QCOMPARE(first->now, emu::Time(0));
        control.step();
        QTRY_VERIFY(control.latestSnapshot()->now > first->now &&
                    control.state() == emu::RunState::Paused);
        const auto stepped = control.latestSnapshot();
        QCOMPARE(stepped->now, emu::fromSeconds(s.resolutionSeconds));
        QVERIFY(stepped->paused);
        // Nothing runs while paused: the snapshot stays the last one.
        QCOMPARE(control.latestSnapshot()->now, stepped->now);
        control.stop();
        QVERIFY(control.waitFinished(std::chrono::seconds(10)));
        QVERIFY(control.result()->stopped);
        QCOMPARE(control.result()->virtualSeconds, emu::toSeconds(stepped->now));
    }

    void commandsRunOnTheEngineThread() {
        emu::RunSettings s;
        s.durationSeconds = 10;
        emu::RunControl control(
            comp::buildSimulation(twoTierDesign(300), comp::ComponentRegistry::builtin(), 1), s);
        control.pause();
        control.start();
        control.post([](emu::Simulation& sim) { sim.findNode("web1")->fail(); });
        control.resume();
        QVERIFY(control.waitFinished(std::chrono::seconds(10)));
        QVERIFY(control.result()->countEvents("node_failed") >= 2); // web2's scheduled one and ours
        QVERIFY(control.result()->failed > 0);
    }

    void anEngineFailureEndsTheRunAndNamesTheNode() {
        emu::RunSettings s;
        s.durationSeconds = 10;
        auto sim = comp::buildSimulation(twoTierDesign(300), comp::ComponentRegistry::builtin(), 1);
        // A slowdown no int64 clock can hold: web1's next service time overflows.
        sim->at(emu::fromSeconds(2), [&sim = *sim] { sim.findNode("web1")->setSlowdown(1e308); });
        emu::RunControl control(std::move(sim), s);
        try {
            control.runHere();
            QFAIL("the run did not report the engine's failure");
        } catch (const emu::RunError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QStringLiteral("the emulation failed at t = 2.0")),
                     e.what());
            QVERIFY2(message.contains(QStringLiteral("in node 'web1' (web_server): an event was "
                                                     "scheduled into the past")),
                     e.what());
        }
        QCOMPARE(control.state(), emu::RunState::Finished);
        QVERIFY(!control.result()->error.empty());
        QVERIFY(control.result()->stopped);
    }

    void anEngineFailureOnAThreadIsReportedInTheResult() {
        emu::RunSettings s;
        s.durationSeconds = 10;
        auto sim = comp::buildSimulation(twoTierDesign(300), comp::ComponentRegistry::builtin(), 1);
        sim->at(emu::fromSeconds(1), [] { throw std::runtime_error("a command broke"); });
        emu::RunControl control(std::move(sim), s);
        control.start();
        QVERIFY(control.waitFinished(std::chrono::seconds(60)));
        QCOMPARE(QString::fromStdString(control.result()->error),
                 QStringLiteral("the emulation failed at t = 1.000 s in a scheduled action (a "
                                "fault, a command or a live change): a command broke"));
        QCOMPARE(QString::fromStdString(emu::toJson(*control.result())["engine"]["error"]),
                 QString::fromStdString(control.result()->error));
    }

    void snapshotsCarryEverySeriesRowOnce() {
        SnapshotCollector collector;
        emu::RunSettings s;
        s.durationSeconds = 20;
        s.snapshotIntervalMs = 0;
        emu::RunControl control(
            comp::buildSimulation(twoTierDesign(300), comp::ComponentRegistry::builtin(), 4), s,
            &collector);
        const auto& result = control.runHere();
        QCOMPARE(collector.rows(), result.series.rows());
        QVERIFY(collector.snapshots.back()->finished);
        QCOMPARE(result.series.rows(), std::size_t(200)); // 20 s at 100 ms
    }

    void severalRunsShareAThreadPool() {
        boost::asio::thread_pool pool(2);
        std::vector<std::unique_ptr<emu::RunControl>> runs;
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            emu::RunSettings s;
            s.durationSeconds = 5;
            s.seed = seed;
            runs.push_back(std::make_unique<emu::RunControl>(
                comp::buildSimulation(twoTierDesign(500), comp::ComponentRegistry::builtin(), seed),
                s));
            runs.back()->start(&pool);
        }
        std::set<std::uint64_t> fingerprints;
        for (auto& r : runs) {
            QVERIFY(r->waitFinished(std::chrono::seconds(30)));
            fingerprints.insert(r->result()->fingerprint);
        }
        QCOMPARE(fingerprints.size(), std::size_t(4));
        // A pooled run gives the same numbers as the same seed run alone.
        emu::RunSettings s;
        s.durationSeconds = 5;
        s.seed = 1;
        QCOMPARE(comp::runDesign(twoTierDesign(500), s).fingerprint,
                 runs[0]->result()->fingerprint);
        pool.join();
    }
};

QTEST_GUILESS_MAIN(EngineRunTest)
#include "test_engine_run.moc"
