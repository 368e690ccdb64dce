// Outcomes the engine does not define itself: failure reasons and named counters that a
// component registers, counted per node and per run, named in the result's JSON, its
// `data` object and its series, and in snapshots. Without registrations the engine's
// result has no domain keys at all.
#include "emulator/RunResult.h"
#include "emulator/Simulation.h"

#include <QtTest>
#include <algorithm>
#include <stdexcept>

using namespace sb::emu;

namespace {

/// Issues a request every 10 ms and fails every other one for a reason of its own
/// ("rate_limited"), counting each in a counter with a series column ("throttled").
class Throttle final : public Node {
public:
    explicit Throttle(Simulation& sim)
        : Node(sim, "gate", "test")
        , m_limited(sim.outcomes().failReason("rate_limited"))
        , m_throttled(sim.outcomes().counter("throttled", Outcomes::Column::RunningTotal))
        , m_other(sim.outcomes().counter("other")) {}
    void start() override { startTimer(10 * kMillisecond, 0); }
    void onRequest(std::uint32_t, std::uint32_t) override {}
    void onTimer(std::uint32_t, std::uint64_t) override {
        const std::uint32_t slot = m_sim.requests().acquire();
        Request& r = request(slot);
        r.issued = now();
        m_sim.metrics().recordIssued(now());
        if (++m_issued % 2 == 0) {
            r.failure = m_limited;
            counters().recordFailure(r, m_limited, now());
            ++m_sim.outcomes()[m_throttled];
        }
        m_sim.metrics().recordOutcome(now(), r, 0);
        m_sim.requests().release(slot);
        startTimer(10 * kMillisecond, 0);
    }
    std::uint64_t throttled() const { return m_issued / 2; }

private:
    FailReason m_limited;
    CounterId m_throttled, m_other;
    std::uint64_t m_issued = 0;
};

std::ptrdiff_t columnOf(const SeriesTable& series, const std::string& name) {
    const auto& c = series.columns();
    const auto it = std::find(c.begin(), c.end(), name);
    return it == c.end() ? -1 : it - c.begin();
}

} // namespace

class EngineOutcomesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void registeredReasonsFollowTheEnginesOwn() {
        Outcomes o;
        QCOMPARE(o.failReasonCount(), 7);
        QCOMPARE(o.name(FailReason::NoRoute), std::string_view("no_route"));
        const FailReason limited = o.failReason("rate_limited");
        QCOMPARE(static_cast<int>(limited), 7);
        QCOMPARE(o.failReason("circuit_open"), static_cast<FailReason>(8));
        // Two kinds that register the same reason share its code.
        QCOMPARE(o.failReason("rate_limited"), limited);
        QCOMPARE(o.failReason("timeout"), FailReason::Timeout);
        QCOMPARE(o.failReasonCount(), 9);
        QCOMPARE(o.name(limited), std::string_view("rate_limited"));
        QCOMPARE(o.name(static_cast<FailReason>(30)), std::string_view("?"));
    }

    void reasonsAreBounded() {
        Outcomes o;
        for (int i = o.failReasonCount(); i < kMaxFailReasons; ++i)
            o.failReason("reason" + std::to_string(i));
        QCOMPARE(o.failReasonCount(), kMaxFailReasons);
        QVERIFY_THROWS_EXCEPTION(std::length_error, o.failReason("one_too_many"));
        QCOMPARE(o.failReason("reason10"), static_cast<FailReason>(10)); // known: no throw
    }

    void countersAreNamedOnce() {
        Outcomes o;
        const CounterId a = o.counter("a");
        const CounterId b = o.counter("b", Outcomes::Column::RunningTotal);
        QCOMPARE(o.counter("a").index, a.index);
        o[a] += 3;
        ++o[b];
        QCOMPARE(o.value("a"), std::uint64_t{3});
        QCOMPARE(o.value("b"), std::uint64_t{1});
        QCOMPARE(o.value("unknown"), std::uint64_t{0});
        QCOMPARE(o.counters().size(), std::size_t{2});
    }

    void aRegisteredReasonAndCounterReachTheResult() {
        Simulation sim(5);
        auto& gate = sim.addNode<Throttle>();
        sim.start(100 * kMillisecond, 0);
        sim.kernel().runUntil(2 * kSecond);
        const RunSettings settings;
        const std::shared_ptr<Snapshot> snap = sim.snapshot(0, 0, 2 * kSecond);
        QCOMPARE(snap->failReasons.size(), std::size_t{8});
        QCOMPARE(snap->failReasons[7], std::string("rate_limited"));
        QCOMPARE(snap->nodes[0].failures[7], gate.throttled());

        RunResult r = summarize(sim, settings, 0, false);
        const std::uint64_t throttled = gate.throttled();
        QVERIFY(throttled > 90);
        QCOMPARE(r.failedBy("rate_limited"), throttled);
        QCOMPARE(r.failed, throttled);
        QCOMPARE(r.counter("throttled"), throttled);
        QCOMPARE(r.counter("other"), std::uint64_t{0});
        QCOMPARE(r.counter("stale_reads"), std::uint64_t{0});

        const nlohmann::json j = toJson(r);
        QCOMPARE(j["requests"]["failed_by_reason"]["rate_limited"].get<std::uint64_t>(), throttled);
        QCOMPARE(j["nodes"]["gate"]["failures"]["rate_limited"].get<std::uint64_t>(), throttled);
        QCOMPARE(j["nodes"]["gate"]["failure_examples"][0]["reason"].get<std::string>(),
                 std::string("rate_limited"));
        QCOMPARE(j["data"], (nlohmann::json{{"other", 0}, {"throttled", throttled}}));

        // The counter with a column comes right after the engine's own columns, as a
        // running total; the other has none.
        const std::ptrdiff_t column = columnOf(r.series, "throttled");
        QCOMPARE(column, columnOf(r.series, "latency_mean_ms") + 1);
        QCOMPARE(columnOf(r.series, "other"), std::ptrdiff_t{-1});
        const auto& values = r.series.values(static_cast<std::size_t>(column));
        QVERIFY(values.size() >= 19);
        QVERIFY(values.front() > 0 && values.front() < values.back());
        QVERIFY(std::is_sorted(values.begin(), values.end()));
        QVERIFY(values.back() <= static_cast<double>(throttled));
    }

    void theEngineAloneHasNoDomainOutcomes() {
        Simulation sim(1);
        sim.start(100 * kMillisecond, 0);
        sim.kernel().runUntil(kSecond);
        const RunResult r = summarize(sim, RunSettings{}, 0, false);
        const nlohmann::json j = toJson(r);
        QVERIFY(j["data"].is_object() && j["data"].empty());
        QCOMPARE(r.failReasons.size(), std::size_t{7});
        QCOMPARE(columnOf(r.series, "stale_reads"), std::ptrdiff_t{-1});
        QCOMPARE(r.series.columns().back(), std::string("latency_mean_ms"));
    }
};

QTEST_GUILESS_MAIN(EngineOutcomesTest)
#include "test_engine_outcomes.moc"
