// The edge of the system: DNS (TTL caching, lookups, health checks, geo routing) and the
// CDN (edge hit rate, purge vs versioning, outage with and without fallback to origin).
#include "TestDesign.h"

#include <QTest>
#include <algorithm>
#include <cmath>

using namespace sbtest;

namespace {

json mix(double read, double stat) {
    return {{"read", read}, {"write", 0.0}, {"static", stat}};
}

json users(double rate, const std::string& region, json classes = mix(1, 0)) {
    return {{"rate_rps", rate}, {"region", region}, {"users", 5000}, {"mix", std::move(classes)}};
}

const json kServer{
    {"workers", 16}, {"service_ms", 5}, {"embedded_db_ms", 0}, {"queue_limit", 1000}};

/// Two data centres (us-east, eu-west), each a balancer and a web server, behind one DNS;
/// users in both regions.
TestDesign twoDataCentres(json dns, double usRate, double euRate) {
    TestDesign d;
    d.dc("us", "us-east").dc("eu", "eu-west");
    d.node("users_us", "clients", users(usRate, "us-east"))
        .node("users_eu", "clients", users(euRate, "eu-west"))
        .node("dns", "dns", std::move(dns))
        .node("lb_us", "load_balancer", {{"health_check_s", 1}}, "us")
        .node("lb_eu", "load_balancer", {{"health_check_s", 1}}, "eu")
        .node("web_us", "web_server", kServer, "us")
        .node("web_eu", "web_server", kServer, "eu")
        .link("users_us", "dns")
        .link("users_eu", "dns")
        .link("dns", "lb_us")
        .link("dns", "lb_eu")
        .link("lb_us", "web_us")
        .link("lb_eu", "web_eu");
    return d;
}

/// users -> dns -> cdn -> object store, and dns -> lb -> web -> object store (the origin).
TestDesign withCdn(json users, json cdn) {
    TestDesign d;
    d.node("users", "clients", std::move(users))
        .node("dns", "dns", {{"ttl_s", 30}, {"health_check_s", 2}})
        .node("cdn", "cdn", std::move(cdn))
        .node("lb", "load_balancer")
        .node("web", "web_server", kServer)
        .node("store", "object_store", {{"latency_ms", 20}, {"max_rps", 5000}})
        .link("users", "dns")
        .link("dns", "cdn")
        .link("dns", "lb")
        .link("cdn", "store")
        .link("lb", "web")
        .link("web", "store");
    return d;
}

} // namespace

class EdgeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lookupsArePaidOnlyWhenTheCachedRecordExpires() {
        // One population behind 32 resolvers; a lookup costs 20 ms.
        auto run = [](double ttl) {
            TestDesign d;
            d.node("users", "clients", users(640, "us-east"))
                .node("dns", "dns", {{"ttl_s", ttl}, {"latency_ms", 20}, {"resolvers", 32}})
                .node("web", "web_server", kServer)
                .link("users", "dns")
                .link("dns", "web");
            return d.run(60);
        };
        const auto cached = run(5), uncached = run(0);
        const double lookups = cached.metric("dns", "lookups");
        // 20 req/s per resolver: each refreshes within ~50 ms of its record expiring.
        // Records held at the start expire within the first TTL, so each resolver looks up
        // about once per TTL.
        const double expected = 32 * 60 / 5.0;
        qInfo("ttl 5 s: %.0f lookups (about %.0f expected), mean latency %.2f ms; ttl 0: %.0f "
              "lookups, mean %.2f ms",
              lookups, expected, cached.meanMs, uncached.metric("dns", "lookups"), uncached.meanMs);
        QVERIFY(std::abs(lookups - expected) < 0.05 * expected);
        // Without caching every request pays the 20 ms lookup.
        QVERIFY(std::abs(uncached.meanMs - cached.meanMs - 20 * (1 - lookups / cached.total)) <
                0.5);
    }

    void geoDnsSendsUsersToTheNearestDataCentre() {
        auto geo = twoDataCentres({{"ttl_s", 10}, {"geo", true}}, 300, 100).run(30);
        auto rotating = twoDataCentres({{"ttl_s", 10}, {"geo", false}}, 300, 100).run(30);
        auto usShare = [](const sb::emu::RunResult& r) {
            const double us = static_cast<double>(arrivals(r, "web_us"));
            return us / (us + static_cast<double>(arrivals(r, "web_eu")));
        };
        qInfo("share served in us-east: geo %.4f (users there: 0.75), rotating %.4f; mean "
              "latency geo %.1f ms, rotating %.1f ms",
              usShare(geo), usShare(rotating), geo.meanMs, rotating.meanMs);
        QVERIFY(std::abs(usShare(geo) - 0.75) < 0.01);
        QVERIFY(std::abs(usShare(rotating) - 0.5) < 0.1);
        // Half the rotated users cross the Atlantic (about 42 ms each way).
        QVERIFY(rotating.meanMs > geo.meanMs + 30);
        QCOMPARE(geo.failed, std::uint64_t{0});
    }

    void usersMoveAfterOneTtlPlusDetectionWhenTheirDataCentreDies() {
        // us-east dies at 20.3 s. DNS checks every 2 s and waits up to 1 s (the timeout: 1 s,
        // or half the period when shorter) for the answer to a check's probe: the probe of
        // 22 s goes unanswered, so it sees lb_us down at 23 s. A resolver that refreshed just
        // before keeps the dead address for one more TTL.
        const double period = 2, timeout = std::min(1.0, period / 2);
        const double ttl = 10, failAt = 20.3, detectedAt = 22 + timeout;
        auto d =
            twoDataCentres({{"ttl_s", ttl}, {"geo", true}, {"health_check_s", period}}, 300, 100);
        d.fault(failAt, "us", "fail");
        const auto r = d.run(45);
        const auto errors = seriesColumn(r, "errors_rps");
        const auto& time = r.series.time();
        double lastError = 0;
        for (std::size_t k = 0; k < time.size(); ++k)
            if (errors[k] > 0)
                lastError = time[k];
        const double burst = lastError - failAt;
        qInfo("dns_failover at %.1f s; errors from %.1f s to %.1f s (%.1f s = detection %.1f s + "
              "TTL %.0f s - %.1f s); errors/s in the first second %.0f, failed %llu",
              firstEvent(r, "dns_failover"), failAt, lastError, burst, detectedAt - failAt, ttl,
              detectedAt + ttl - lastError, seriesMean(r, "errors_rps", failAt, failAt + 1),
              static_cast<unsigned long long>(r.failed));
        QCOMPARE(firstEvent(r, "dns_failover"), detectedAt);
        QCOMPARE(seriesMean(r, "errors_rps", 0, failAt), 0.0);
        QVERIFY(std::abs(seriesMean(r, "errors_rps", failAt, detectedAt) - 300) < 30);
        QVERIFY(lastError <= detectedAt + ttl + 0.1);
        QVERIFY(lastError > detectedAt + 0.8 * ttl);
        // Then every user is served from eu-west.
        QVERIFY(std::abs(seriesMean(r, "throughput_rps", detectedAt + ttl + 1, 45) - 400) < 20);
    }

    void healthChecksTravelOnTheLinks_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("action");
        QTest::newRow("link cut") << "dns->lb_us"
                                  << "fail";
        QTest::newRow("data centres partitioned") << "ops"
                                                  << "partition";
    }

    void healthChecksTravelOnTheLinks() {
        // The DNS runs in its own data centre (ops, in us-east). From 20.3 s for 15 s its link
        // to lb_us is cut, or ops and us are partitioned: lb_us and its server stay up, but the
        // DNS's probes to lb_us are lost. Checks every 2 s with a 1 s timeout: the probe of
        // 22 s is not answered by 23 s, so new answers avoid lb_us from 23 s (as if us-east
        // had died). The link is back at 35.3 s; the probe of 36 s is answered after a round
        // trip over the link (2 x 0.5 ms, both ends in us-east), so lb_us is back at 36.001 s.
        QFETCH(QString, target);
        QFETCH(QString, action);
        const double period = 2, timeout = std::min(1.0, period / 2), roundTrip = 2 * 0.0005;
        const double ttl = 5, failAt = 20.3, healAt = failAt + 15;
        const double detectedAt = 22 + timeout, backAt = 36 + roundTrip;
        auto d =
            twoDataCentres({{"ttl_s", ttl}, {"geo", true}, {"health_check_s", period}}, 300, 100);
        d.dc("ops", "us-east");
        for (auto& n : d.design().nodes)
            if (n.id.value == "dns")
                n.dc = "ops";
        json params = {{"duration_s", healAt - failAt}};
        if (action == "partition")
            params["peer"] = "us";
        d.fault(failAt, target.toStdString(), action.toStdString(), params);
        const auto r = d.run(45);
        qInfo("dns_failover at %.3f s, dns_failback at %.3f s; failed %llu",
              firstEvent(r, "dns_failover"), firstEvent(r, "dns_failback"),
              static_cast<unsigned long long>(r.failed));
        QCOMPARE(r.countEvents("node_failed"), std::size_t{0});
        QCOMPARE(r.countEvents("detected_down"), std::size_t{0}); // lb_us sees web_us fine
        QCOMPARE(firstEvent(r, "dns_failover"), detectedAt);
        QCOMPARE(r.countEvents("dns_failover"), std::size_t{1});
        QCOMPARE(firstEvent(r, "dns_failback"), backAt);
        QCOMPARE(seriesMean(r, "errors_rps", 0, failAt), 0.0);
        // Until then the us-east users' requests die on the link; one TTL after the
        // failover every user is served from eu-west, until the link is back.
        QVERIFY(std::abs(seriesMean(r, "errors_rps", failAt, detectedAt) - 300) < 30);
        QCOMPARE(seriesMean(r, "errors_rps", detectedAt + ttl + 0.1, 45), 0.0);
        QVERIFY(std::abs(seriesMean(r, "throughput_rps", detectedAt + ttl + 1, healAt) - 400) < 20);
        QCOMPARE(seriesMean(r, "web_us.utilization", detectedAt + ttl + 1, healAt), 0.0);
        QVERIFY(seriesMean(r, "web_us.utilization", backAt + ttl + 1, 45) > 0);
    }

    void cdnServesStaticFromTheEdge() {
        auto d = withCdn({{"rate_rps", 1000}, {"mix", mix(0, 1)}, {"keys", 10000}, {"zipf_s", 1.0}},
                         {{"capacity", 1000}, {"ttl_s", 3600}});
        const auto r = d.run(40);
        const double hit = r.metric("cdn", "hit_rate");
        qInfo("edge hit rate %.4f; origin served %llu of %llu static requests", hit,
              static_cast<unsigned long long>(arrivals(r, "store")),
              static_cast<unsigned long long>(r.total));
        QVERIFY(hit > 0.6);
        QCOMPARE(static_cast<double>(arrivals(r, "store")), r.metric("cdn", "origin_requests"));
        QVERIFY(std::abs(arrivals(r, "store") - (1 - hit) * r.total) < 0.01 * r.total);
        QCOMPARE(arrivals(r, "web"), std::uint64_t{0});
        QCOMPARE(r.failed, std::uint64_t{0});
    }

    void purgeServesStaleObjectsVersioningMissesCold() {
        auto run = [](const char* invalidation, double purgeDelay) {
            auto d =
                withCdn({{"rate_rps", 1000}, {"mix", mix(0, 1)}, {"keys", 1000}, {"zipf_s", 0.9}},
                        {{"capacity", 100000},
                         {"ttl_s", 3600},
                         {"invalidation", invalidation},
                         {"purge_delay_s", purgeDelay},
                         {"content_updates_per_s", 5}});
            const auto r = d.run(60, 10);
            qInfo("%-10s purge delay %2.0f s: %4.0f stale objects served, %4.0f cold misses, "
                  "%5.0f origin requests, hit rate %.4f",
                  invalidation, purgeDelay, r.metric("cdn", "stale_served"),
                  r.metric("cdn", "cold_misses"), r.metric("cdn", "origin_requests"),
                  r.metric("cdn", "hit_rate"));
            return r;
        };
        const auto purge = run("purge", 10), quickPurge = run("purge", 1),
                   versioning = run("versioning", 10);
        QVERIFY(purge.metric("cdn", "stale_served") > 1000);
        QCOMPARE(purge.metric("cdn", "cold_misses"), 0.0);
        QCOMPARE(static_cast<double>(purge.counter("stale_reads")),
                 purge.metric("cdn", "stale_served"));
        // Fewer stale objects with a faster purge (not ten times fewer: the most popular
        // objects change every few seconds, so with a 10 s purge they are stale most of the
        // time).
        QVERIFY(quickPurge.metric("cdn", "stale_served") < purge.metric("cdn", "stale_served") / 2);
        QCOMPARE(versioning.metric("cdn", "stale_served"), 0.0);
        QCOMPARE(versioning.counter("stale_reads"), std::uint64_t{0});
        QVERIFY(versioning.metric("cdn", "cold_misses") > 100);
        QVERIFY(versioning.metric("cdn", "origin_requests") >
                purge.metric("cdn", "origin_requests"));
    }

    void cdnOutageFallsBackToTheOrigin() {
        auto run = [](bool fallback) {
            auto d = withCdn(
                {{"rate_rps", 400}, {"mix", mix(0.5, 0.5)}, {"keys", 1000}, {"zipf_s", 0.9}},
                {{"capacity", 10000}, {"fallback_to_origin", fallback}});
            d.fault(10, "cdn", "fail", {{"duration_s", 10}});
            return d.run(30);
        };
        const auto with = run(true), without = run(false);
        const auto staticFailed = [](const sb::emu::RunResult& r) {
            return r.failedByClass[static_cast<int>(sb::emu::RequestClass::Static)];
        };
        const auto staticOk = [](const sb::emu::RunResult& r) {
            return r.okByClass[static_cast<int>(sb::emu::RequestClass::Static)];
        };
        const double webBefore = seriesMean(with, "web.utilization", 1, 10);
        const double webDuring = seriesMean(with, "web.utilization", 10.5, 20);
        const double storeBefore = seriesMean(with, "store.utilization", 1, 10);
        const double storeDuring = seriesMean(with, "store.utilization", 10.5, 20);
        qInfo("with fallback: static ok %llu, failed %llu, %zu cdn_fallback events; web CPU "
              "%.3f -> %.3f and object store load %.3f -> %.3f during the outage",
              static_cast<unsigned long long>(staticOk(with)),
              static_cast<unsigned long long>(staticFailed(with)), with.countEvents("cdn_fallback"),
              webBefore, webDuring, storeBefore, storeDuring);
        qInfo("without fallback: static ok %llu, failed %llu",
              static_cast<unsigned long long>(staticOk(without)),
              static_cast<unsigned long long>(staticFailed(without)));
        QCOMPARE(staticFailed(with), std::uint64_t{0});
        QCOMPARE(with.failed, std::uint64_t{0});
        QCOMPARE(with.countEvents("cdn_fallback"), std::size_t{1});
        // The web tier now serves 200 static req/s at 2 ms of CPU on 16 workers: +0.025.
        QVERIFY(std::abs(webDuring - webBefore - 0.025) < 0.005);
        QVERIFY(storeDuring > 2 * storeBefore);
        // Without fallback the 10 s outage fails the static share: about 200 req/s.
        QVERIFY(std::abs(static_cast<double>(staticFailed(without)) - 2000) < 200);
        QCOMPARE(without.failed, staticFailed(without));
    }

    void clientsLinkedToTheCdnFallBackToo() {
        // No DNS: the users link to the CDN and to the balancer themselves.
        auto run = [](bool fallback) {
            TestDesign d;
            d.node("users", "clients", {{"rate_rps", 400}, {"mix", mix(0.5, 0.5)}, {"keys", 1000}})
                .node("cdn", "cdn", {{"fallback_to_origin", fallback}})
                .node("lb", "load_balancer")
                .node("web", "web_server", kServer)
                .node("store", "object_store")
                .link("users", "cdn")
                .link("users", "lb")
                .link("cdn", "store")
                .link("lb", "web")
                .link("web", "store");
            d.fault(10, "cdn", "fail", {{"duration_s", 5}});
            return d.run(20);
        };
        const auto with = run(true), without = run(false);
        const int staticClass = static_cast<int>(sb::emu::RequestClass::Static);
        qInfo("clients -> cdn down 5 s: static failures with fallback %llu (in flight when it "
              "failed), without %llu",
              static_cast<unsigned long long>(with.failedByClass[staticClass]),
              static_cast<unsigned long long>(without.failedByClass[staticClass]));
        QVERIFY(with.failedByClass[staticClass] < 5);
        QCOMPARE(with.countEvents("cdn_fallback"), std::size_t{1});
        QVERIFY(std::abs(static_cast<double>(without.failedByClass[staticClass]) - 1000) < 100);
    }

    void objectStoreServesAtMostMaxRps_data() {
        QTest::addColumn<double>("offered");
        QTest::addColumn<double>("served");
        QTest::addColumn<double>("p50Ms");
        // 20 ms per object, at most 100 objects/s: 2 slots of 20 ms.
        QTest::newRow("below the limit") << 50.0 << 50.0 << 20.0;
        QTest::newRow("twice the limit") << 200.0 << 100.0 << -1.0;
    }
    void objectStoreServesAtMostMaxRps() {
        QFETCH(double, offered);
        QFETCH(double, served);
        QFETCH(double, p50Ms);
        TestDesign d;
        d.node("users", "clients", {{"rate_rps", offered}, {"mix", mix(0, 1)}})
            .node("web", "web_server", {{"workers", 64}, {"service_ms", 0.01}, {"static_ms", 0.01}})
            .node("store", "object_store",
                  {{"latency_ms", 20}, {"max_rps", 100}, {"queue_limit", 20}})
            .link("users", "web", {{"latency_ms", 0}})
            .link("web", "store", {{"latency_ms", 0}});
        const auto r = d.run(60, 10);
        const auto* store = r.node("store");
        qInfo("offered %.0f req/s: served %.1f req/s, %llu refused (503), p50 %.2f ms, store "
              "utilisation %.3f",
              offered, r.throughputRps, static_cast<unsigned long long>(store->rejected), r.p50Ms,
              store->utilization);
        QVERIFY(std::abs(r.throughputRps - served) < 0.03 * served);
        if (p50Ms > 0) {
            QVERIFY(std::abs(r.p50Ms - p50Ms) < 0.5);
            QCOMPARE(store->rejected, std::uint64_t{0});
        } else {
            QVERIFY(store->rejected > 0);
            QVERIFY(store->utilization > 0.95);
        }
    }
};

QTEST_GUILESS_MAIN(EdgeTest)
#include "EdgeTest.moc"
