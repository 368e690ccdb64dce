// The retry-storm template against its own reference, the offered load: with unbudgeted
// retries its goodput (successful user requests, first try or retried) stays under half of
// the offered load for 60 s after the spike ends; with a 10% retry budget or a circuit
// breaker it is back to 95% of the offered load within 30 s. Also: a timed-out attempt
// still occupies the server, and a caller without a policy sends exactly what it did.
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "review/ScalingPath.h"

#include <QtTest>

using namespace sb;

namespace {

constexpr double kSpikeEnd = 25; // spike_at_s + spike_s in the template

design::Design stormDesign(const nlohmann::json& policyChange) {
    const review::DesignTemplate* t = review::ScalingPath::find("retry-storm");
    if (!t)
        qFatal("no retry-storm template");
    auto loaded = design::readDesign(t->json, comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("retry-storm: %s", design::formatProblems(loaded.problems).c_str());
    design::Design d = *loaded.design;
    for (auto& n : d.nodes)
        if (n.id.value == "users")
            n.props["call_policy"].update(policyChange);
    return d;
}

/// Goodput over offered load in each `width`-second window from `from` to `to`.
std::vector<double> goodputShare(const emu::RunResult& r, double from, double to, double width) {
    const emu::SeriesTable& s = r.series;
    const auto& time = s.time();
    const auto& good = s.values(static_cast<std::size_t>(s.column("throughput_rps")));
    const auto& offered = s.values(static_cast<std::size_t>(s.column("offered_rps")));
    std::vector<double> shares;
    for (double start = from; start + width <= to + 1e-9; start += width) {
        double g = 0, o = 0;
        for (std::size_t i = 0; i < time.size(); ++i)
            if (time[i] > start + 1e-9 && time[i] <= start + width + 1e-9) {
                g += good[i];
                o += offered[i];
            }
        shares.push_back(o > 0 ? g / o : 0);
    }
    return shares;
}

emu::RunResult run(const design::Design& d) {
    return comp::runDesign(d, comp::runSettingsFor(d));
}

std::string listed(const std::vector<double>& v) {
    std::string out;
    for (double x : v)
        out += QString::number(x, 'f', 2).toStdString() + " ";
    return out;
}

} // namespace

class RetryStormTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void unbudgetedRetriesKeepTheSystemDownAfterTheSpike() {
        const emu::RunResult r = run(stormDesign(nlohmann::json::object()));
        const std::vector<double> after = goodputShare(r, kSpikeEnd, kSpikeEnd + 60, 1);
        qInfo("no budget: goodput / offered per second after the spike: %s", listed(after).c_str());
        QCOMPARE(after.size(), std::size_t(60));
        for (double share : after)
            QVERIFY(share < 0.5);
        // Before the spike the same design served everything.
        for (double share : goodputShare(r, 5, 20, 5))
            QVERIFY(share > 0.95);
        // The servers were busy all along: with abandoned attempts, not with goodput.
        QVERIFY(r.node("web")->utilization > 0.9);
        QVERIFY(r.metric("users", "amplification") > 2);
        QVERIFY(r.metric("users", "attempts_timed_out") > 10000);
    }

    void budgetOrBreakerLetsItRecover_data() {
        QTest::addColumn<QString>("policy");
        QTest::newRow("10% retry budget")
            << QStringLiteral(R"({"retry_budget": true, "budget_ratio": 0.1})");
        QTest::newRow("circuit breaker") << QStringLiteral(R"({"breaker": true})");
    }
    void budgetOrBreakerLetsItRecover() {
        QFETCH(QString, policy);
        const emu::RunResult r = run(stormDesign(nlohmann::json::parse(policy.toStdString())));
        const std::vector<double> late = goodputShare(r, kSpikeEnd + 30, 90, 5);
        qInfo("%s: goodput / offered per 5 s from 30 s after the spike: %s", qPrintable(policy),
              listed(late).c_str());
        QCOMPARE(late.size(), std::size_t(7));
        for (double share : late)
            QVERIFY(share >= 0.95);
        QVERIFY(r.metric("users", "amplification") < 1.2);
    }

    void breakerOpensAndClosesAroundTheStorm() {
        const emu::RunResult r = run(stormDesign(nlohmann::json{{"breaker", true}}));
        QVERIFY(r.metric("users", "breaker_changes") >= 3); // opened, probed, closed
        QCOMPARE(r.metric("users", "breaker_open"), 0.0);   // closed at the end
        QVERIFY(r.metric("users", "short_circuited") > 0);
        const auto reason = std::find(r.failReasons.begin(), r.failReasons.end(), "circuit_open");
        QVERIFY(reason != r.failReasons.end());
        QVERIFY(r.failedByReason[static_cast<std::size_t>(reason - r.failReasons.begin())] > 0);
    }

    void timedOutAttemptsStillOccupyTheServer() {
        // With a timeout shorter than the queue's wait, the server completes work whose
        // callers have gone: it serves more requests than the users get answers.
        const emu::RunResult r = run(stormDesign(nlohmann::json::object()));
        QVERIFY(r.node("web")->completed > 2 * r.ok);
    }

    void noPolicySendsOneRequestPerUserRequest() {
        const emu::RunResult r =
            run(stormDesign(nlohmann::json{{"timeout_ms", 0}, {"max_attempts", 1}}));
        // Without a policy the population reports no call metrics and counts no attempts.
        QCOMPARE(r.metric("users", "amplification", -1), -1.0);
        // Every user request reaches the server once (the total counts answered ones: those
        // still in the queue at the end arrived but are not in it).
        const std::uint64_t arrivals = r.node("web")->arrivals;
        qInfo("no policy: %llu user requests, %llu arrivals at the server",
              static_cast<unsigned long long>(r.total), static_cast<unsigned long long>(arrivals));
        QVERIFY(std::abs(static_cast<double>(arrivals) - static_cast<double>(r.total)) <
                0.005 * static_cast<double>(r.total));
    }
};

QTEST_GUILESS_MAIN(RetryStormTest)
#include "test_retry_storm.moc"
