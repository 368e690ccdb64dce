// Running a design: determinism (same seed, same numbers and trace fingerprint), pacing
// against the wall clock, pause/step/stop, snapshots, several runs on a thread pool.
#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "emulator/RunControl.h"

#include <QtTest>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <mutex>
#include <set>

using namespace sb;
using Clock = std::chrono::steady_clock;

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

class SnapshotCollector final : public emu::RunObserver {
public:
    void snapshot(emu::SnapshotPtr s) override {
        std::lock_guard lock(mutex);
        snapshots.push_back(std::move(s));
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

    void realTimePacingFollowsTheWallClock_data() {
        QTest::addColumn<double>("speed");
        QTest::addColumn<double>("virtualSeconds");
        QTest::newRow("1x for 3 s") << 1.0 << 3.0;
        QTest::newRow("10x for 20 s") << 10.0 << 20.0;
    }
    void realTimePacingFollowsTheWallClock() {
        QFETCH(double, speed);
        QFETCH(double, virtualSeconds);
        emu::RunSettings s;
        s.durationSeconds = virtualSeconds;
        s.speed = speed;
        emu::RunControl control(
            comp::buildSimulation(twoTierDesign(200), comp::ComponentRegistry::builtin(), 1), s);
        const auto start = Clock::now();
        control.start();
        QVERIFY(control.waitFinished(std::chrono::seconds(30)));
        const double wall = std::chrono::duration<double>(Clock::now() - start).count();
        const double expected = virtualSeconds / speed;
        qInfo("%.1f virtual s at %.0fx took %.3f s of wall time (expected %.3f)", virtualSeconds,
              speed, wall, expected);
        QVERIFY(std::abs(wall - expected) / expected < 0.02);
    }

    void pauseStopsTheClockAndStepAdvancesOneInterval() {
        emu::RunSettings s;
        s.durationSeconds = 60;
        s.speed = 1;
        s.snapshotIntervalMs = 10;
        emu::RunControl control(
            comp::buildSimulation(twoTierDesign(200), comp::ComponentRegistry::builtin(), 1), s);
        control.start();
        QTest::qWait(300);
        control.pause();
        QTRY_VERIFY(control.state() == emu::RunState::Paused);
        const auto first = control.latestSnapshot();
        QVERIFY(first && first->paused);
        QTest::qWait(300);
        const auto second = control.latestSnapshot();
        QCOMPARE(second->now, first->now); // no new snapshot while paused, the clock stands
        control.step();
        QTRY_VERIFY(control.latestSnapshot()->now > first->now &&
                    control.state() == emu::RunState::Paused);
        const emu::Time advanced = control.latestSnapshot()->now - first->now;
        QVERIFY2(advanced <= emu::fromSeconds(s.resolutionSeconds) + emu::kMillisecond,
                 "step advances one series interval");
        control.resume();
        QTRY_VERIFY(control.state() == emu::RunState::Running);
        const auto stopAsked = Clock::now();
        control.stop();
        QVERIFY(control.waitFinished(std::chrono::seconds(5)));
        const double stopMs =
            std::chrono::duration<double, std::milli>(Clock::now() - stopAsked).count();
        qInfo("stop answered in %.1f ms", stopMs);
        QVERIFY(stopMs < 50);
        QVERIFY(control.result()->stopped);
    }

    void commandsRunOnTheEngineThread() {
        emu::RunSettings s;
        s.durationSeconds = 10;
        s.speed = 20;
        emu::RunControl control(
            comp::buildSimulation(twoTierDesign(300), comp::ComponentRegistry::builtin(), 1), s);
        control.start();
        QTest::qWait(100);
        control.post([](emu::Simulation& sim) { sim.findNode("web1")->fail(); });
        QVERIFY(control.waitFinished(std::chrono::seconds(10)));
        QVERIFY(control.result()->countEvents("node_failed") >= 2); // web2's scheduled one and ours
        QVERIFY(control.result()->failed > 0);
    }

    // An exception inside the engine ends the run at once with a message naming the node,
    // instead of leaving the run unfinished and its owner waiting (issue 20).
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
