// db_primary and db_replica: stale reads under async lag, lost writes by replication mode
// (THEORY.md: async loses about write rate x lag, sync none), automatic failover and the
// recovery script, replica failure with one and with several replicas, replica replacement.
#include "DesignRun.h"

#include <QtTest>
#include <algorithm>
#include <string_view>

using namespace datatest;
using sb::emu::RequestClass;

namespace {

json mix(double read, double write) {
    return {{"read", read}, {"write", write}, {"static", 0}, {"async", 0}, {"join", 0}};
}

/// users -> web1 -> db1 (+ replicas r1..rn, each linked from db1 and read by web1).
json replicated(json primary, json replica, int replicas, json clients, json faults) {
    json nodes =
        json::array({node("users", "clients", clients),
                     node("web1", "web_server",
                          {{"workers", 256}, {"service_ms", 1}, {"service_dist", "constant"}}),
                     node("db1", "db_primary", primary)});
    json links = json::array({edge("users", "web1"), edge("web1", "db1")});
    for (int i = 1; i <= replicas; ++i) {
        const std::string id = "r" + std::to_string(i);
        nodes.push_back(node(id, "db_replica", replica));
        links.push_back(edge("db1", id));
        links.push_back(edge("web1", id));
    }
    return design(nodes, links, faults);
}

std::uint64_t failuresOtherThan(const sb::emu::RunResult& r,
                                std::initializer_list<std::string_view> ok) {
    std::uint64_t n = 0;
    for (std::size_t i = 1; i < r.failReasons.size(); ++i)
        if (std::find(ok.begin(), ok.end(), r.failReasons[i]) == ok.end())
            n += r.failedByReason[i];
    return n;
}

} // namespace

class DataReplicationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void asyncReplicasServeStaleReadsPrimaryNever() {
        // web1 reads from two lagging replicas; web2 reads from the primary only.
        json d = design(
            json::array(
                {node("users", "clients",
                      {{"rate_rps", 600}, {"mix", mix(0.8, 0.2)}, {"keys", 200}, {"zipf_s", 1.0}}),
                 node("web1", "web_server", {{"workers", 64}, {"service_ms", 1}}),
                 node("web2", "web_server", {{"workers", 64}, {"service_ms", 1}}),
                 node("db1", "db_primary"), node("r1", "db_replica", {{"lag_ms", 200}}),
                 node("r2", "db_replica", {{"lag_ms", 200}})}),
            json::array({edge("users", "web1"), edge("users", "web2"), edge("web1", "db1"),
                         edge("web1", "r1"), edge("web1", "r2"), edge("web2", "db1"),
                         edge("db1", "r1"), edge("db1", "r2")}));
        const auto r = run(d, 20);
        const double replicaStale = r.metric("r1", "stale_reads") + r.metric("r2", "stale_reads");
        qInfo("stale reads: r1 %.0f, r2 %.0f, db1 %.0f (db1 served %.0f reads); mean lag %.1f ms",
              r.metric("r1", "stale_reads"), r.metric("r2", "stale_reads"),
              r.metric("db1", "stale_reads"), r.metric("db1", "reads"),
              r.metric("r1", "lag_ms_mean"));
        QVERIFY(r.metric("r1", "stale_reads") > 0);
        QVERIFY(r.metric("r2", "stale_reads") > 0);
        QVERIFY(r.metric("db1", "reads") > 1000);
        QCOMPARE(r.metric("db1", "stale_reads"), 0.0);
        QCOMPARE(static_cast<double>(r.counter("stale_reads")), replicaStale);
        // The replicas lag by about the configured mean (plus the 0.5 ms link).
        QVERIFY(std::abs(r.metric("r1", "lag_ms_mean") - 200) < 60);
    }

    void lostWritesByReplicationMode_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<double>("expected");
        // 200 writes/s, constant lag 500 ms (+0.5 ms link), semi-sync timeout 200 ms:
        // async loses the writes of the last 0.5 s, semi-sync those acknowledged by the
        // timeout but not yet received (0.3 s), sync none.
        QTest::newRow("async") << "async" << 200 * 0.5005;
        QTest::newRow("semi_sync") << "semi_sync" << 200 * 0.3005;
        QTest::newRow("sync") << "sync" << 0.0;
    }
    void lostWritesByReplicationMode() {
        QFETCH(QString, mode);
        QFETCH(double, expected);
        json d = replicated({{"replication", mode.toStdString()},
                             {"semi_sync_timeout_ms", 200},
                             {"detection_s", 2},
                             {"promotion_s", 1}},
                            {{"lag_ms", 500}, {"lag_dist", "constant"}}, 1,
                            {{"rate_rps", 400}, {"mix", mix(0.5, 0.5)}, {"keys", 10000}},
                            json::array({fault(10, "db1", "fail")}));
        const auto r = run(d, 16);
        const double lost = static_cast<double>(r.counter("lost_writes"));
        qInfo("%s: lost writes %.0f (expected %.1f), mean latency %.1f ms", qPrintable(mode), lost,
              expected, r.meanMs);
        QCOMPARE(r.countEvents("promoted"), std::size_t{1});
        if (expected == 0) {
            QCOMPARE(lost, 0.0);
        } else {
            // Poisson count: 3 standard deviations.
            QVERIFY2(std::abs(lost - expected) < 3 * std::sqrt(expected),
                     qPrintable(QString("lost %1, expected %2").arg(lost).arg(expected)));
        }
    }

    void replicationModeCostsWriteLatency() {
        // Two replicas whose lag levels vary (exponential, mean 100 ms, redrawn every 0.1 s):
        // semi-sync waits for the faster one, sync for the slower one.
        std::vector<double> latency;
        for (const char* mode : {"async", "semi_sync", "sync"}) {
            json d = replicated({{"replication", mode}, {"semi_sync_timeout_ms", 1000}},
                                {{"lag_ms", 100}, {"lag_period_s", 0.1}}, 2,
                                {{"rate_rps", 200}, {"mix", mix(0, 1)}}, json::array());
            const auto r = run(d, 10);
            qInfo("%s: write latency mean %.1f ms", mode, r.meanMs);
            latency.push_back(r.meanMs);
        }
        QVERIFY(latency[0] < 15);              // the write itself and the hops
        QVERIFY(latency[1] > latency[0] + 20); // plus the faster replica's lag
        QVERIFY(latency[1] < 100 + latency[0]);
        QVERIFY(latency[2] > 100 + latency[0]); // plus the slower replica's lag
        QVERIFY(latency[2] > latency[1] + 40);
    }

    void automaticFailoverThenRecoveryScript() {
        json d = replicated(
            {{"detection_s", 3}, {"promotion_s", 1}, {"recovery", "recovery_script"}},
            {{"lag_ms", 100}}, 2, {{"rate_rps", 500}, {"mix", mix(0.7, 0.3)}, {"keys", 5000}},
            json::array({fault(10, "db1", "fail"), fault(20, "db1", "recover")}));
        const auto r = run(d, 26);
        const auto detected = events(r, "detected_down");
        const auto promoted = events(r, "promoted");
        QCOMPARE(detected.size(), std::size_t{1});
        QCOMPARE(promoted.size(), std::size_t{1});
        QCOMPARE(detected[0].node, std::string("db1"));
        QCOMPARE(sb::emu::toSeconds(detected[0].time), 13.0);
        QCOMPARE(sb::emu::toSeconds(promoted[0].time), 14.0);
        QVERIFY(promoted[0].node == "r1" || promoted[0].node == "r2");
        // Writes fail only in the window; reads never (they go to the replicas).
        QCOMPARE(r.failedByClass[static_cast<int>(RequestClass::Read)], std::uint64_t{0});
        QVERIFY(r.failedByClass[static_cast<int>(RequestClass::Write)] > 0);
        QCOMPARE(failuresOtherThan(r, {"node_down", "write_rejected"}), std::uint64_t{0});
        QCOMPARE(maxBetween(r, "errors_rps", 0, 10.0), 0.0);
        QCOMPARE(maxBetween(r, "errors_rps", 14.1, 26), 0.0);
        // About 150 writes/s x 4 s of window failed.
        const double windowFailures =
            static_cast<double>(r.failedByClass[static_cast<int>(RequestClass::Write)]);
        QVERIFY(std::abs(windowFailures - 600) < 3 * std::sqrt(600.0));
        // Writes lost at the failover come back when the old primary returns.
        const double lostBeforeRecovery = at(r, "lost_writes", 19.9);
        qInfo("failed writes %.0f, lost before recovery %.0f, recovered %llu, conflicts %llu",
              windowFailures, lostBeforeRecovery,
              static_cast<unsigned long long>(r.counter("recovered_writes")),
              static_cast<unsigned long long>(r.counter("conflicts")));
        QVERIFY(lostBeforeRecovery > 0);
        QCOMPARE(r.counter("lost_writes"), std::uint64_t{0});
        QCOMPARE(static_cast<double>(r.counter("recovered_writes")), lostBeforeRecovery);
        QCOMPARE(r.countEvents("recovery_script"), std::size_t{1});
    }

    void manualFailoverWaitsForPromote() {
        json d = replicated({{"failover", "manual"}, {"detection_s", 1}, {"promotion_s", 0.5}},
                            {{"lag_ms", 50}}, 1, {{"rate_rps", 200}, {"mix", mix(0.5, 0.5)}},
                            json::array({fault(5, "db1", "fail"), fault(9, "r1", "promote")}));
        const auto r = run(d, 12);
        const auto promoted = events(r, "promoted");
        QCOMPARE(promoted.size(), std::size_t{1});
        QCOMPARE(sb::emu::toSeconds(promoted[0].time), 9.5);
        QVERIFY(maxBetween(r, "errors_rps", 8.5, 9.4) > 0); // still failing before the command
        QCOMPARE(maxBetween(r, "errors_rps", 9.7, 12), 0.0);
    }

    void replicaFailure_data() {
        QTest::addColumn<int>("replicas");
        QTest::newRow("one replica") << 1;
        QTest::newRow("three replicas") << 3;
    }
    void replicaFailure() {
        QFETCH(int, replicas);
        json d = replicated(json::object(), {{"lag_ms", 20}, {"replace_after_s", 0}}, replicas,
                            {{"rate_rps", 400}, {"mix", mix(0.9, 0.1)}},
                            json::array({fault(10, "r1", "fail")}));
        const auto r = run(d, 20);
        const double primaryReadsBefore = at(r, "db1.reads", 10.0);
        const double primaryReadsAfter = r.metric("db1", "reads") - primaryReadsBefore;
        qInfo(
            "%d replicas: primary reads before %.0f, after %.0f; read failures %llu", replicas,
            primaryReadsBefore, primaryReadsAfter,
            static_cast<unsigned long long>(r.failedByClass[static_cast<int>(RequestClass::Read)]));
        QCOMPARE(primaryReadsBefore, 0.0);
        if (replicas == 1)
            QVERIFY(primaryReadsAfter > 0.9 * 360 * 10); // every read now goes to the primary
        else
            QCOMPARE(primaryReadsAfter, 0.0);
        // Only the reads inside r1 at the moment it died fail.
        QVERIFY(r.failedByClass[static_cast<int>(RequestClass::Read)] < 20);
        QCOMPARE(maxBetween(r, "errors_rps", 10.15, 20), 0.0);
    }

    void failedReplicaIsReplacedAndCatchesUp() {
        json d = replicated(
            json::object(),
            {{"lag_ms", 20}, {"replace_after_s", 3}, {"restore_s", 2}, {"catch_up_ops", 500}}, 1,
            {{"rate_rps", 200}, {"mix", mix(0.5, 0.5)}}, json::array({fault(5, "r1", "fail")}));
        const auto r = run(d, 15);
        const auto replaced = events(r, "replica_replaced");
        const auto caughtUp = events(r, "replica_caught_up");
        QCOMPARE(replaced.size(), std::size_t{1});
        QCOMPARE(sb::emu::toSeconds(replaced[0].time), 8.0);
        QCOMPARE(caughtUp.size(), std::size_t{1});
        // Restore 2 s, then ~200 writes of backlog replayed at 500/s while 100/s keep coming.
        const double catchUp = r.metric("r1", "catch_up_s");
        qInfo("catch-up %.2f s (%s)", catchUp, caughtUp[0].detail.c_str());
        QVERIFY(catchUp > 2.3 && catchUp < 3.0);
        QCOMPARE(at(r, "r1.up", 15), 1.0);
        QCOMPARE(at(r, "r1.up", 9.9), 0.0);
    }

    void multiPrimaryKeepsWritingAndCountsConflicts() {
        // Two primaries replicating to each other; each web server writes to its own.
        json d = design(
            json::array(
                {node("users", "clients",
                      {{"rate_rps", 400}, {"mix", mix(0.5, 0.5)}, {"keys", 50}}),
                 node("web1", "web_server", {{"workers", 64}, {"service_ms", 1}}),
                 node("web2", "web_server", {{"workers", 64}, {"service_ms", 1}}),
                 node("p1", "db_primary",
                      {{"recovery", "multi_primary"}, {"detection_s", 1}, {"peer_lag_ms", 100}}),
                 node("p2", "db_primary",
                      {{"recovery", "multi_primary"}, {"detection_s", 1}, {"peer_lag_ms", 100}})}),
            json::array({edge("users", "web1"), edge("users", "web2"), edge("web1", "p1"),
                         edge("web2", "p2"), edge("p1", "p2"), edge("p2", "p1")}),
            json::array({fault(10, "p1", "fail")}));
        const auto r = run(d, 15);
        const double conflicts = r.metric("p1", "conflicts") + r.metric("p2", "conflicts");
        const auto failover = events(r, "failover");
        qInfo("conflicts %.0f, lost at failover %llu (%s)", conflicts,
              static_cast<unsigned long long>(r.counter("lost_writes")),
              failover.empty() ? "no failover" : failover[0].detail.c_str());
        QVERIFY(conflicts > 0);
        QCOMPARE(static_cast<double>(r.counter("conflicts")), conflicts);
        QCOMPARE(failover.size(), std::size_t{1});
        QVERIFY(failover[0].detail.find("to=p2") != std::string::npos);
        // web1's writes fail only until the failure is detected, then go to p2.
        QCOMPARE(maxBetween(r, "errors_rps", 11.15, 15), 0.0);
        QVERIFY(at(r, "p2.writes", 15) - at(r, "p2.writes", 11.2) > 0.9 * 200 * 3.8);
        QVERIFY(r.counter("lost_writes") > 0); // p1's writes still on their way to p2
    }

    void circularReplicationGoesRoundTheRing() {
        json nodes =
            json::array({node("users", "clients", {{"rate_rps", 300}, {"mix", mix(0.5, 0.5)}}),
                         node("web1", "web_server", {{"workers", 64}, {"service_ms", 1}}),
                         node("web2", "web_server", {{"workers", 64}, {"service_ms", 1}}),
                         node("web3", "web_server", {{"workers", 64}, {"service_ms", 1}})});
        json links = json::array();
        for (int i = 1; i <= 3; ++i) {
            const std::string p = "p" + std::to_string(i), next = "p" + std::to_string(i % 3 + 1);
            nodes.push_back(node(p, "db_primary", {{"recovery", "circular"}, {"peer_lag_ms", 50}}));
            links.push_back(edge("users", "web" + std::to_string(i)));
            links.push_back(edge("web" + std::to_string(i), p));
            links.push_back(edge(p, next));
        }
        const auto r = run(design(nodes, links), 20);
        for (const char* p : {"p1", "p2", "p3"}) {
            // Two hops of 50 ms mean lag (+0.5 ms links) reach the last member of the ring,
            // against one hop for a direct peer.
            const double ring = r.metric(p, "ring_lag_ms");
            qInfo("%s: ring lag %.1f ms, writes %.0f", p, ring, r.metric(p, "writes"));
            QVERIFY(ring > 60 && ring < 160);
        }
        // Every member receives the others' writes, less the few still going round.
        for (int i = 1; i <= 3; ++i) {
            double others = 0;
            for (int j = 1; j <= 3; ++j)
                if (j != i)
                    others += r.metric("p" + std::to_string(j), "writes");
            const double received = r.metric("p" + std::to_string(i), "peer_writes_received");
            QVERIFY(received <= others && received > others - 60);
        }
    }
};

QTEST_GUILESS_MAIN(DataReplicationTest)
#include "test_data_replication.moc"
