// The cache kind end to end: clients -> web server -> cache + database (cache-aside).
#include "TestDesign.h"

#include <QTest>
#include <cmath>
#include <map>
#include <vector>

using namespace sbtest;

namespace {

/// clients -> web -> cache, db. `cache` holds the cache's properties.
TestDesign cacheAside(json clients, json cache) {
    TestDesign d;
    d.node("users", "clients", std::move(clients))
        .node("web", "web_server", {{"workers", 256}, {"service_ms", 1}, {"queue_limit", 10000}})
        .node("cache", "cache", std::move(cache))
        .node("db", "db_primary", {{"workers", 128}, {"read_ms", 2}, {"write_ms", 2}})
        .link("users", "web")
        .link("web", "cache")
        .link("web", "db");
    return d;
}

json readWrite(double rate, double writes, int keys, double skew) {
    return {{"rate_rps", rate},
            {"mix", {{"read", 1 - writes}, {"write", writes}, {"static", 0.0}}},
            {"keys", keys},
            {"zipf_s", skew}};
}

double cheHitRatio(int keys, double skew, double capacity) {
    std::vector<double> p(keys);
    double sum = 0;
    for (int i = 0; i < keys; ++i)
        sum += p[i] = std::pow(i + 1.0, -skew);
    for (double& x : p)
        x /= sum;
    auto filled = [&](double t) {
        double f = 0;
        for (double x : p)
            f += 1 - std::exp(-x * t);
        return f;
    };
    double lo = 0, hi = capacity;
    while (filled(hi) < capacity)
        hi *= 2;
    for (int i = 0; i < 200; ++i)
        (filled((lo + hi) / 2) < capacity ? lo : hi) = (lo + hi) / 2;
    double hit = 0;
    for (double x : p)
        hit += x * (1 - std::exp(-x * lo));
    return hit;
}

} // namespace

class CacheTierTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lruHitRatioMatchesChe() {
        const int keys = 10000, capacity = 300;
        const double skew = 0.9;
        auto d = cacheAside(readWrite(2000, 0, keys, skew),
                            {{"capacity", capacity}, {"ttl_s", 0}, {"eviction", "lru"}});
        const auto r = d.run(60, 15);
        const double measured = r.metric("cache", "hit_rate");
        const double che = cheHitRatio(keys, skew, capacity);
        qInfo("end-to-end LRU hit rate %.4f, Che %.4f", measured, che);
        QVERIFY(std::abs(measured - che) / che < 0.03);
        QCOMPARE(r.failed, std::uint64_t{0});
        // The database sees only the misses; each miss also sends the cache one fill.
        const double dbReads = static_cast<double>(arrivals(r, "db"));
        const double dbShare = dbReads / (static_cast<double>(arrivals(r, "cache")) - dbReads);
        qInfo("database reads per cache lookup %.4f (1 - hit rate %.4f)", dbShare, 1 - measured);
        QVERIFY(std::abs(dbShare - (1 - measured)) < 0.03);
        QVERIFY(r.metric("cache", "items") == capacity);
        QVERIFY(r.metric("cache", "evictions") > 0);
    }

    void shorterTtlLowersHitRateAndStaleReads() {
        double previousHit = 2, previousStale = 1e18;
        for (double ttl : {30.0, 5.0, 1.0}) {
            auto d =
                cacheAside(readWrite(1000, 0.1, 2000, 0.9),
                           {{"capacity", 100000}, {"ttl_s", ttl}, {"write_policy", "ttl_only"}});
            const auto r = d.run(60, 10);
            const double hit = r.metric("cache", "hit_rate");
            const double stale = r.metric("cache", "stale_reads");
            qInfo("ttl %4.1f s: hit rate %.4f, stale reads %.0f (run total %llu)", ttl, hit, stale,
                  static_cast<unsigned long long>(r.counter("stale_reads")));
            QVERIFY(hit < previousHit);
            QVERIFY(stale < previousStale);
            QCOMPARE(static_cast<std::uint64_t>(stale), r.counter("stale_reads"));
            previousHit = hit;
            previousStale = stale;
        }
    }

    void invalidateOnWriteHasFewerStaleReadsThanTtlOnly() {
        std::map<std::string, double> stale, hit;
        for (const char* policy : {"ttl_only", "update", "invalidate"}) {
            auto d = cacheAside(readWrite(1000, 0.2, 2000, 0.9),
                                {{"capacity", 100000}, {"ttl_s", 30}, {"write_policy", policy}});
            const auto r = d.run(60, 10);
            stale[policy] = r.metric("cache", "stale_reads");
            hit[policy] = r.metric("cache", "hit_rate");
            qInfo("%-10s stale reads %6.0f, hit rate %.4f", policy, stale[policy], hit[policy]);
        }
        QVERIFY(stale["ttl_only"] > 1000);
        QVERIFY(stale["invalidate"] * 10 < stale["ttl_only"]);
        QVERIFY(stale["update"] * 10 < stale["ttl_only"]);
        // Invalidation trades hits for freshness.
        QVERIFY(hit["invalidate"] < hit["ttl_only"]);
    }

    void invalidationsCrossRegionsLate() {
        // Two data centres, each web server reading its local cache first and invalidating
        // both; the far cache learns of a write one region latency later.
        auto stale = [](const std::string& farRegion) {
            TestDesign d;
            d.dc("east", "us-east").dc("far", farRegion);
            const json web{{"workers", 256}, {"service_ms", 1}, {"queue_limit", 10000}};
            const json cache{{"capacity", 100000}, {"ttl_s", 60}, {"write_policy", "invalidate"}};
            d.node("east_users", "clients", readWrite(500, 0.2, 1000, 0.9))
                .node("far_users", "clients", readWrite(500, 0.2, 1000, 0.9))
                .node("web_east", "web_server", web, "east")
                .node("web_far", "web_server", web, "far")
                .node("cache_east", "cache", cache, "east")
                .node("cache_far", "cache", cache, "far")
                .node("db", "db_primary", {{"workers", 128}}, "east")
                .link("east_users", "web_east")
                .link("far_users", "web_far")
                .link("web_east", "cache_east")
                .link("web_east", "cache_far")
                .link("web_east", "db")
                .link("web_far", "cache_far")
                .link("web_far", "cache_east")
                .link("web_far", "db");
            const auto r = d.run(40, 10);
            return r.metric("cache_far", "stale_reads") + r.metric("cache_east", "stale_reads");
        };
        const double sameRegion = stale("us-east"), crossRegion = stale("ap-northeast");
        qInfo("stale cache reads: same region %.0f, us-east <-> ap-northeast %.0f", sameRegion,
              crossRegion);
        QVERIFY(crossRegion > 5 * std::max(sameRegion, 10.0));
    }

    void restartedCacheIsCold() {
        auto d = cacheAside(readWrite(1000, 0, 1000, 0.9), {{"capacity", 5000}, {"ttl_s", 0}});
        d.fault(20, "cache", "fail").fault(22, "cache", "recover");
        const auto r = d.run(30);
        const auto items = seriesColumn(r, "cache.items");
        // Row k covers ((k)*0.1, (k+1)*0.1]: full before the failure, empty while down.
        QVERIFY(items[195] > 500);
        QCOMPARE(items[210], 0.0);
        QVERIFY(items.back() > 500);
        // While it is down, reads fall back to the database and still succeed.
        QCOMPARE(r.failed, std::uint64_t{0});
    }

    void aNewKindWithTheCacheRoleIsRoutedToLikeACache() {
        // A kind that is not the built-in cache but has its role: the web tier routes to it
        // as to a cache (Downstream sorts links by the roles at their far end, not by name).
        sb::comp::ComponentRegistry registry = sb::comp::ComponentRegistry::builtin();
        sb::comp::ComponentKind memo = *registry.kind("cache");
        memo.descriptor.kind = "memo_cache";
        registry.add(memo);
        auto builtin = cacheAside(readWrite(2000, 0.05, 5000, 0.9), {{"capacity", 300}});
        auto renamed = cacheAside(readWrite(2000, 0.05, 5000, 0.9), {{"capacity", 300}});
        renamed.design().nodes[2].kind = "memo_cache";
        sb::emu::RunSettings settings;
        settings.durationSeconds = 20;
        settings.warmupSeconds = 5;
        const auto a = sb::comp::runDesign(builtin.design(), settings);
        const auto b = sb::comp::runDesign(renamed.design(), settings, registry);
        QVERIFY(b.metric("cache", "hit_rate") > 0.3);
        QCOMPARE(b.metric("cache", "hit_rate"), a.metric("cache", "hit_rate"));
        QCOMPARE(arrivals(b, "db"), arrivals(a, "db"));
        QCOMPARE(b.fingerprint, a.fingerprint);
    }
};

QTEST_GUILESS_MAIN(CacheTierTest)
#include "CacheTierTest.moc"
