// The load balancer: how each algorithm spreads load, what least connections buys when
// servers differ, sticky imbalance, and health checks taking a failed server out.
#include "TestDesign.h"

#include "components/load_balancer/AddressPlan.h"

#include <QTest>
#include <cmath>

using namespace sbtest;

namespace {

json server(double serviceMs, int workers = 4, int weight = 1) {
    return {{"workers", workers},    {"service_ms", serviceMs}, {"embedded_db_ms", 0},
            {"queue_limit", 100000}, {"weight", weight},        {"stateless", true}};
}

json readers(double rate, int users = 10000, double userSkew = 0) {
    return {{"rate_rps", rate},
            {"users", users},
            {"user_skew", userSkew},
            {"mix", {{"read", 1.0}, {"write", 0.0}, {"static", 0.0}}}};
}

/// users -> lb -> web1..webN.
TestDesign balanced(json lb, std::vector<json> servers, json clients) {
    TestDesign d;
    d.node("users", "clients", std::move(clients)).node("lb", "load_balancer", std::move(lb));
    d.link("users", "lb");
    for (std::size_t i = 0; i < servers.size(); ++i) {
        const std::string id = "web" + std::to_string(i + 1);
        d.node(id, "web_server", std::move(servers[i])).link("lb", id);
    }
    return d;
}

// The health checks of the tests below: every second, waiting up to half the period for an
// answer (the timeout is 1 s or half the period, whichever is shorter); a probe and its answer
// cross the default 0.5 ms link once each.
constexpr double kPeriod = 1;
constexpr double kTimeout = kPeriod / 2;
constexpr double kRoundTrip = 2 * 0.0005;

/// Four servers behind a round-robin balancer with those checks, out after two failed
/// checks and back after two passed, and 400 req/s of reads.
TestDesign fourCheckedServers() {
    return balanced({{"algorithm", "round_robin"},
                     {"health_check_s", kPeriod},
                     {"unhealthy_threshold", 2},
                     {"healthy_threshold", 2}},
                    {server(10), server(10), server(10), server(10)}, readers(400));
}

std::vector<double> shares(const sb::emu::RunResult& r, int servers) {
    std::vector<double> out;
    double total = 0;
    for (int i = 1; i <= servers; ++i)
        total += static_cast<double>(arrivals(r, "web" + std::to_string(i)));
    for (int i = 1; i <= servers; ++i)
        out.push_back(static_cast<double>(arrivals(r, "web" + std::to_string(i))) / total);
    return out;
}

} // namespace

class BalancerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void spreadsOverEqualServers_data() {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<double>("tolerance"); // relative to an even share
        QTest::newRow("round robin") << "round_robin" << 0.01;
        QTest::newRow("weighted round robin, equal weights") << "weighted_round_robin" << 0.01;
        QTest::newRow("least connections") << "least_connections" << 0.05;
        QTest::newRow("random") << "random" << 0.05;
        QTest::newRow("ip hash over 10000 users") << "ip_hash" << 0.05;
        QTest::newRow("sticky over 10000 users") << "sticky" << 0.05;
    }
    void spreadsOverEqualServers() {
        QFETCH(QString, algorithm);
        QFETCH(double, tolerance);
        auto d = balanced({{"algorithm", algorithm.toStdString()}},
                          {server(10), server(10), server(10), server(10)}, readers(400));
        const auto r = d.run(30);
        const auto s = shares(r, 4);
        qInfo("%s: shares %.4f %.4f %.4f %.4f", qPrintable(algorithm), s[0], s[1], s[2], s[3]);
        for (double share : s)
            QVERIFY(std::abs(share - 0.25) / 0.25 < tolerance);
        QCOMPARE(r.failed, std::uint64_t{0});
    }

    void weightedRoundRobinFollowsWeights() {
        auto d = balanced({{"algorithm", "weighted_round_robin"}},
                          {server(10, 4, 3), server(10, 4, 1), server(10, 4, 1)}, readers(300));
        const auto s = shares(d.run(20), 3);
        qInfo("weights 3:1:1 -> shares %.4f %.4f %.4f", s[0], s[1], s[2]);
        QVERIFY(std::abs(s[0] - 0.6) < 0.006);
        QVERIFY(std::abs(s[1] - 0.2) < 0.002);
        QVERIFY(std::abs(s[2] - 0.2) < 0.002);
    }

    void leastConnectionsBeatsRoundRobinWhenServersDiffer() {
        // Two fast servers (10 ms) and two slow ones (40 ms), two workers each: 500 req/s of
        // capacity. At 160 req/s round robin loads the slow ones to 80%; least connections
        // sends them less.
        auto p99 = [](const char* algorithm) {
            auto d = balanced({{"algorithm", algorithm}},
                              {server(10, 2), server(10, 2), server(40, 2), server(40, 2)},
                              readers(160));
            const auto r = d.run(120, 10);
            const auto s = shares(r, 4);
            qInfo("%-17s p99 %6.1f ms, p50 %5.1f ms, slow servers' share %.3f", algorithm, r.p99Ms,
                  r.p50Ms, s[2] + s[3]);
            return r.p99Ms;
        };
        const double rr = p99("round_robin"), lc = p99("least_connections");
        QVERIFY(lc < rr / 1.5);
    }

    void stickySessionsWithHeavyUsersAreImbalanced() {
        // 40 users, a few of them far more active than the rest (Zipf 1.2 over users).
        auto run = [](const char* algorithm) {
            auto d =
                balanced({{"algorithm", algorithm}},
                         {server(10), server(10), server(10), server(10)}, readers(200, 40, 1.2));
            const auto r = d.run(30);
            const auto s = shares(r, 4);
            qInfo("%-11s shares %.3f %.3f %.3f %.3f, imbalance %.3f", algorithm, s[0], s[1], s[2],
                  s[3], r.metric("lb", "imbalance"));
            return r.metric("lb", "imbalance");
        };
        const double sticky = run("sticky"), hashed = run("ip_hash"), rr = run("round_robin");
        QVERIFY(rr < 1.01);
        QVERIFY(sticky > 1.3);
        QVERIFY(hashed > 1.3);
    }

    void failedServerIsTakenOutAfterDetection() {
        // Checks every second, out after 2 failed, back after 2 passed. A check sends a
        // probe at each whole second and waits for its answer up to the timeout: 1 s, or half
        // the period when shorter (0.5 s here). web4 fails at 10.5 s: the probes of 11 and 12
        // go unanswered, each check fails at its timeout (11.5, 12.5), so web4 is taken out
        // at 12.5 s. It recovers at 20.5 s: the probes of 21 and 22 are answered after one
        // round trip over the link (2 x 0.5 ms), so it is back at 22.001 s.
        const double down = 12 + kTimeout, up = 22 + kRoundTrip;
        auto d = fourCheckedServers();
        d.fault(10.5, "web4", "fail").fault(20.5, "web4", "recover");
        const auto r = d.run(30);
        QCOMPARE(firstEvent(r, "detected_down", "web4"), down);
        QCOMPARE(firstEvent(r, "detected_up", "web4"), up);
        const double during = seriesMean(r, "errors_rps", 10.5, down);
        const double after = seriesMean(r, "errors_rps", down + 0.1, 30);
        const double before = seriesMean(r, "errors_rps", 0, 10.5);
        qInfo("errors/s before %.1f, in the detection window %.1f, after it %.1f; failed %llu",
              before, during, after, static_cast<unsigned long long>(r.failed));
        QCOMPARE(before, 0.0);
        QCOMPARE(after, 0.0);
        QVERIFY(std::abs(during - 100) < 20); // a quarter of 400 req/s
        // The other three absorb the load: throughput stays at the offered rate.
        const double served = seriesMean(r, "throughput_rps", down + 0.1, 20.5);
        qInfo("served while web4 is out: %.1f req/s; web4 utilisation out %.3f, back %.3f", served,
              seriesMean(r, "web4.utilization", down + 0.1, 20.5),
              seriesMean(r, "web4.utilization", up + 0.1, 30));
        QVERIFY(std::abs(served - 400) < 20);
        QCOMPARE(seriesMean(r, "web4.utilization", down + 0.1, 20.5), 0.0);
        QVERIFY(seriesMean(r, "web4.utilization", up + 0.1, 30) > 0.1);
        QCOMPARE(seriesMean(r, "lb.healthy_backends", down + 0.1, 20.5), 3.0);
    }

    void healthChecksTravelOnTheLink_data() {
        QTest::addColumn<QString>("action");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<double>("latencyMs");
        QTest::newRow("cut") << "fail" << 0.0 << 0.0;
        QTest::newRow("every message lost") << "drop" << 1.0 << 0.0;
        QTest::newRow("slowed past the check's timeout") << "slow" << 0.0 << 2000.0;
    }

    void healthChecksTravelOnTheLink() {
        // web1 stays up, but its link from the balancer fails at 10.5 s for 10 s: the probes
        // (or their answers) are not back within the timeout, so the checks of 11 and 12 fail
        // at 11.5 and 12.5 and web1 is taken out at 12.5 s, as if it had failed. The link
        // heals at 20.5 s: the probes of 21 and 22 come back after a round trip, and web1 is
        // back at 22.001 s. (A probe of 20 slowed by 2 s answers a check that is over.)
        QFETCH(QString, action);
        QFETCH(double, fraction);
        QFETCH(double, latencyMs);
        const double down = 12 + kTimeout, up = 22 + kRoundTrip;
        auto d = fourCheckedServers();
        json params = {{"duration_s", 10}};
        if (fraction > 0)
            params["fraction"] = fraction;
        if (latencyMs > 0)
            params["latency_ms"] = latencyMs;
        d.fault(10.5, "lb->web1", action.toStdString(), params);
        const auto r = d.run(30);
        QCOMPARE(r.countEvents("node_failed"), std::size_t{0});
        QCOMPARE(firstEvent(r, "detected_down", "web1"), down);
        QCOMPARE(firstEvent(r, "detected_up", "web1"), up);
        QCOMPARE(r.countEvents("detected_down"), std::size_t{1});
        QCOMPARE(seriesMean(r, "lb.healthy_backends", 0, down - 0.1), 4.0);
        QCOMPARE(seriesMean(r, "lb.healthy_backends", down + 0.1, 20.5), 3.0);
        QCOMPARE(seriesMean(r, "lb.healthy_backends", up + 0.1, 30), 4.0);
        // Taken out, it gets no new requests (those slowed on the link land by 14.5 s, and
        // their replies, slowed too, are back by 16.5 s); the others take its share.
        QCOMPARE(seriesMean(r, "web1.utilization", 15, 20.5), 0.0);
        QVERIFY(std::abs(seriesMean(r, "throughput_rps", 17, 20.5) - 400) < 20);
    }

    void aLossyLinkFailsSomeChecks() {
        // Half the messages on lb->web1 are lost from 10 s on: a check passes only when both
        // its probe and its answer get through (a quarter of the time), so two failures in a
        // row come soon and web1 is taken out although it never failed; it comes back only
        // after two passes in a row (1 in 16 per pair of checks), and may go out again.
        auto d = fourCheckedServers();
        d.fault(10, "lb->web1", "drop", {{"fraction", 0.5}});
        const auto r = d.run(60);
        qInfo("web1 out at %.3f s; %zu times out, %zu back; healthy backends after 10 s %.2f",
              firstEvent(r, "detected_down", "web1"), r.countEvents("detected_down"),
              r.countEvents("detected_up"), seriesMean(r, "lb.healthy_backends", 10, 60));
        QCOMPARE(seriesMean(r, "lb.healthy_backends", 0, 10), 4.0);
        QVERIFY(firstEvent(r, "detected_down", "web1") > 10);
        QVERIFY(firstEvent(r, "detected_down", "web1") < 20);
        // Out most of the time: back for a check or two after a lucky pair, then out again.
        QVERIFY(seriesMean(r, "lb.healthy_backends", 10, 60) < 3.5);
        QCOMPARE(r.countEvents("node_failed"), std::size_t{0});
    }

    void withoutHealthChecksAFailedServerKeepsFailingItsShare() {
        auto d = balanced({{"algorithm", "round_robin"}, {"health_check_s", 0}},
                          {server(10), server(10), server(10), server(10)}, readers(400));
        d.fault(10, "web4", "fail");
        const auto r = d.run(20);
        QCOMPARE(r.countEvents("detected_down"), std::size_t{0});
        QVERIFY(std::abs(seriesMean(r, "errors_rps", 10.5, 20) - 100) < 20);
    }

    void addressesAreDeterministic() {
        auto d = balanced({}, {server(10), server(10)}, readers(10));
        d.node("lb2", "load_balancer").link("users", "lb2").link("lb2", "web2");
        const sb::comp::AddressPlan plan(d.design());
        QCOMPARE(plan.publicAddress("lb"), std::string("203.0.113.10"));
        QCOMPARE(plan.publicAddress("lb2"), std::string("203.0.113.11"));
        QCOMPARE(plan.privateAddress("lb", "web1"), std::string("10.0.0.10"));
        QCOMPARE(plan.privateAddress("lb", "web2"), std::string("10.0.0.11"));
        QCOMPARE(plan.privateAddress("lb2", "web2"), std::string("10.1.0.10"));
        QCOMPARE(plan.publicAddress("web1"), std::string());
        QCOMPARE(plan.privateAddress("lb2", "web1"), std::string());
    }
};

QTEST_GUILESS_MAIN(BalancerTest)
#include "BalancerTest.moc"
