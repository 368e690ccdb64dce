// The reusable parts of a call policy against their definitions: capped exponential
// backoff and its jitter (full jitter spreads retries, no jitter makes waves), a retry
// budget's long-run ratio, a circuit breaker that opens within its window when the calls
// fail and closes through its probes after recovery, and the call_policy group read from
// a descriptor.
#include "components/common/CallPolicy.h"

#include "design/ComponentDescriptor.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <vector>

using namespace sb;
using comp::CallPolicySpec;
using comp::CircuitBreaker;

namespace {

CallPolicySpec backoffSpec(comp::Jitter jitter) {
    CallPolicySpec s;
    s.maxAttempts = 6;
    s.backoffBase = 100 * emu::kMillisecond;
    s.backoffCap = 1 * emu::kSecond;
    s.jitter = jitter;
    return s;
}

/// Retries of 1000 calls that all fail at time 0, each retry n after its backoff: how many
/// fall in each 10 ms bin of the first 4 s (the shape of the retry load).
std::vector<int> retryHistogram(comp::Jitter jitter) {
    const CallPolicySpec spec = backoffSpec(jitter);
    emu::RandomStream rng(7, "caller", "backoff");
    std::vector<int> bins(400, 0);
    for (int call = 0; call < 1000; ++call) {
        emu::Time t = 0;
        for (int retry = 1; retry < spec.maxAttempts; ++retry) {
            t += comp::Backoff::delay(spec, retry, rng);
            const auto bin = static_cast<std::size_t>(t / (10 * emu::kMillisecond));
            if (bin < bins.size())
                ++bins[bin];
        }
    }
    return bins;
}

CallPolicySpec breakerSpec() {
    CallPolicySpec s;
    s.breaker = true;
    s.breakerThreshold = 0.5;
    s.breakerWindow = 10 * emu::kSecond;
    s.breakerMinCalls = 20;
    s.breakerOpen = 5 * emu::kSecond;
    s.breakerProbes = 3;
    return s;
}

} // namespace

class CallPolicyTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void inactiveByDefault() {
        QVERIFY(!CallPolicySpec{}.active());
        CallPolicySpec s;
        s.maxAttempts = 2;
        QVERIFY(s.active() && s.retries());
    }

    void backoffDoublesUpToItsCap() {
        const CallPolicySpec spec = backoffSpec(comp::Jitter::None);
        emu::RandomStream rng(1, "caller", "backoff");
        QCOMPARE(comp::Backoff::delay(spec, 1, rng), 100 * emu::kMillisecond);
        QCOMPARE(comp::Backoff::delay(spec, 2, rng), 200 * emu::kMillisecond);
        QCOMPARE(comp::Backoff::delay(spec, 4, rng), 800 * emu::kMillisecond);
        QCOMPARE(comp::Backoff::delay(spec, 5, rng), 1 * emu::kSecond);
        QCOMPARE(comp::Backoff::delay(spec, 40, rng), 1 * emu::kSecond);
    }

    void jitterStaysInItsRange_data() {
        QTest::addColumn<int>("jitter");
        QTest::addColumn<double>("lowFraction");
        QTest::addColumn<double>("meanFraction");
        QTest::newRow("full") << static_cast<int>(comp::Jitter::Full) << 0.0 << 0.5;
        QTest::newRow("equal") << static_cast<int>(comp::Jitter::Equal) << 0.5 << 0.75;
    }
    void jitterStaysInItsRange() {
        QFETCH(int, jitter);
        QFETCH(double, lowFraction);
        QFETCH(double, meanFraction);
        const CallPolicySpec spec = backoffSpec(static_cast<comp::Jitter>(jitter));
        emu::RandomStream rng(3, "caller", "backoff");
        const double cap = 400 * emu::kMillisecond; // retry 3: 100 ms x 4
        double sum = 0;
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            const auto d = static_cast<double>(comp::Backoff::delay(spec, 3, rng));
            QVERIFY(d >= lowFraction * cap - 1 && d <= cap);
            sum += d;
        }
        // The mean of a uniform draw, within 2% (the standard error is under 0.5%).
        QVERIFY(std::abs(sum / n / cap - meanFraction) < 0.02 * meanFraction);
    }

    void jitterSpreadsRetriesWithoutWaves() {
        // Without jitter every call retries at the same instants: all retries land in five
        // bins. Full jitter spreads them: no 10 ms bin holds a fifth of the calls.
        const std::vector<int> waves = retryHistogram(comp::Jitter::None);
        const std::vector<int> spread = retryHistogram(comp::Jitter::Full);
        QCOMPARE(std::count_if(waves.begin(), waves.end(), [](int b) { return b > 0; }), 5);
        QCOMPARE(*std::max_element(waves.begin(), waves.end()), 1000);
        QVERIFY(*std::max_element(spread.begin(), spread.end()) < 200);
        QVERIFY(std::count_if(spread.begin(), spread.end(), [](int b) { return b > 0; }) > 200);
    }

    void budgetKeepsRetriesToItsRatio() {
        // Every call fails and wants every retry it may have: the budget lets through
        // 10% of first tries over a long run (within 1%), never more.
        comp::RetryBudget budget(0.1);
        std::uint64_t retries = 0;
        const int firsts = 100000;
        for (int i = 0; i < firsts; ++i) {
            budget.onFirstTry();
            for (int k = 0; k < 3; ++k)
                retries += budget.tryRetry() ? 1 : 0;
        }
        QVERIFY(retries <= static_cast<std::uint64_t>(0.1 * firsts));
        QVERIFY(retries >= static_cast<std::uint64_t>(0.099 * firsts));
        QVERIFY(budget.denied() > 0);
    }

    void breakerOpensWithinItsWindowAndClosesAfterRecovery() {
        CircuitBreaker b(breakerSpec());
        emu::Time t = 0;
        const emu::Time gap = 10 * emu::kMillisecond; // 100 calls a second
        for (; t < 20 * emu::kSecond; t += gap) {     // healthy: stays closed
            QVERIFY(b.allow(t));
            b.record(true, t);
        }
        QVERIFY(b.state() == CircuitBreaker::State::Closed);
        // The dependency fails: the window holds 1000 good calls, so the breaker opens once
        // failures reach half of the window, within one window of the failure.
        const emu::Time failedAt = t;
        while (b.state() == CircuitBreaker::State::Closed && t < failedAt + 30 * emu::kSecond) {
            QVERIFY(b.allow(t));
            b.record(false, t);
            t += gap;
        }
        QVERIFY(b.state() == CircuitBreaker::State::Open);
        QVERIFY(t - failedAt <= breakerSpec().breakerWindow);
        QCOMPARE(b.opens(), std::uint64_t{1});
        // Open: calls are refused until the open interval has passed.
        const emu::Time openedAt = t - gap;
        QVERIFY(!b.allow(openedAt + emu::kSecond));
        QVERIFY(b.refused() > 0);
        // Still failing when it probes: the probe fails and it opens again.
        emu::Time probeAt = openedAt + breakerSpec().breakerOpen;
        QVERIFY(b.allow(probeAt));
        QVERIFY(b.state() == CircuitBreaker::State::HalfOpen);
        b.record(false, probeAt);
        QVERIFY(b.state() == CircuitBreaker::State::Open);
        // Recovered: after the next interval its probes succeed and it closes; only the
        // probes get through while half-open.
        probeAt += breakerSpec().breakerOpen;
        for (int i = 0; i < 3; ++i)
            QVERIFY(b.allow(probeAt));
        QVERIFY(!b.allow(probeAt));
        for (int i = 0; i < 3; ++i)
            b.record(true, probeAt);
        QVERIFY(b.state() == CircuitBreaker::State::Closed);
        QCOMPARE(b.closes(), std::uint64_t{1});
        QVERIFY(b.allow(probeAt + gap));
        // closed -> open -> half-open -> open -> half-open -> closed
        QCOMPARE(b.changes(), std::uint64_t{5});
    }

    void breakerIgnoresTooFewCalls() {
        CircuitBreaker b(breakerSpec());
        for (int i = 0; i < 19; ++i)
            b.record(false, i * emu::kMillisecond);
        QVERIFY(b.state() == CircuitBreaker::State::Closed);
        b.record(false, 20 * emu::kMillisecond);
        QVERIFY(b.state() == CircuitBreaker::State::Open);
    }

    void breakerForgetsOutcomesOlderThanItsWindow() {
        CircuitBreaker b(breakerSpec());
        for (int i = 0; i < 15; ++i)
            b.record(false, i * emu::kMillisecond);
        // 15 failures, then 11 s later 10 more: the first ones left the window.
        for (int i = 0; i < 10; ++i)
            b.record(false, 11 * emu::kSecond + i * emu::kMillisecond);
        QVERIFY(b.state() == CircuitBreaker::State::Closed);
    }

    void specReadsTheDescriptorGroup() {
        design::ComponentDescriptor d;
        d.kind = "caller";
        d.properties = {comp::callPolicyProperty()};
        const nlohmann::json props = {{"call_policy",
                                       {{"timeout_ms", 500},
                                        {"max_attempts", 3},
                                        {"jitter", "equal"},
                                        {"retry_budget", true},
                                        {"breaker", true},
                                        {"hedge_ms", 80}}}};
        const CallPolicySpec s = CallPolicySpec::fromProperties(design::PropertyValues(d, props));
        QCOMPARE(s.timeout, 500 * emu::kMillisecond);
        QCOMPARE(s.maxAttempts, 3);
        QVERIFY(s.jitter == comp::Jitter::Equal);
        QVERIFY(s.budget && s.breaker && s.hedges());
        QCOMPARE(s.budgetRatio, 0.1);
        QCOMPARE(s.breakerWindow, 10 * emu::kSecond);
        // Absent, the group is the inactive policy.
        const CallPolicySpec none =
            CallPolicySpec::fromProperties(design::PropertyValues(d, nlohmann::json::object()));
        QVERIFY(!none.active());
        // Its values are checked like any property's.
        const design::PropertySpec group = comp::callPolicyProperty();
        QVERIFY(!design::checkValue(*group.field("max_attempts"), 0, "call_policy.max_attempts")
                     .empty());
        QVERIFY(
            !design::checkValue(*group.field("jitter"), "sometimes", "call_policy.jitter").empty());
        QVERIFY(design::checkValue(*group.field("budget_ratio"), 0.2, "call_policy.budget_ratio")
                    .empty());
    }
};

QTEST_GUILESS_MAIN(CallPolicyTest)
#include "test_call_policy.moc"
