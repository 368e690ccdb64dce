// shard_router: keys moved by a live reshard (THEORY.md: hash mod N moves N/(N+1), consistent
// hashing about 1/(N+1)), per-shard load under Zipf skew against the popularity each shard
// owns, and a scatter-gather join's tail against a single-shard read.
#include "DesignRun.h"

#include "components/shard_router/ShardMap.h"

#include <QtTest>
#include <cmath>

using namespace datatest;
using sb::comp::ShardMap;

namespace {

json mix(double read, double write, double join) {
    return {{"read", read}, {"write", write}, {"static", 0}, {"async", 0}, {"join", join}};
}

/// users -> web1 -> router -> s1..sN (db_primary each).
json sharded(int shards, json router, json clients, json shardProps, json faults = json::array()) {
    json nodes =
        json::array({node("users", "clients", clients),
                     node("web1", "web_server",
                          {{"workers", 512}, {"service_ms", 1}, {"service_dist", "constant"}}),
                     node("router", "shard_router", router)});
    json links = json::array({edge("users", "web1"), edge("web1", "router")});
    for (int i = 1; i <= shards; ++i) {
        const std::string id = "s" + std::to_string(i);
        nodes.push_back(node(id, "db_primary", shardProps));
        links.push_back(edge("router", id));
    }
    return design(nodes, links, faults);
}

double movedFractionIn(const sb::emu::LogEvent& e) {
    const auto at = e.detail.find("moved_fraction=");
    return at == std::string::npos ? -1 : std::stod(e.detail.substr(at + 15));
}

} // namespace

class DataShardingTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reshardFourToFive_data() {
        QTest::addColumn<QString>("partitioning");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::newRow("hash mod N") << "hash_mod" << 0.75 << 0.85;   // 4/5
        QTest::newRow("consistent") << "consistent" << 0.15 << 0.25; // 1/5
    }
    void reshardFourToFive() {
        QFETCH(QString, partitioning);
        QFETCH(double, low);
        QFETCH(double, high);
        json d = sharded(5,
                         {{"partitioning", partitioning.toStdString()},
                          {"active_shards", 4},
                          {"key_space", 10000},
                          {"migration_rps", 5000}},
                         {{"rate_rps", 500}, {"mix", mix(0.8, 0.2, 0)}, {"keys", 10000}},
                         json::object(), json::array({fault(3, "router", "add_shard")}));
        const auto r = run(d, 8);
        const auto reshards = events(r, "reshard");
        QCOMPARE(reshards.size(), std::size_t{1});
        const double moved = movedFractionIn(reshards[0]);
        qInfo("%s: moved %.3f of the keys (%s); migration %s", qPrintable(partitioning), moved,
              reshards[0].detail.c_str(),
              r.countEvents("migration_done") ? events(r, "migration_done")[0].detail.c_str()
                                              : "unfinished");
        QVERIFY(moved >= low && moved <= high);
        QCOMPARE(r.metric("router", "moved_fraction"), moved);
        QCOMPARE(r.metric("router", "shards_active"), 5.0);
        QCOMPARE(r.countEvents("migration_done"), std::size_t{1});
        QCOMPARE(r.metric("router", "migration_remaining"), 0.0);
        QCOMPARE(r.metric("router", "migrated_keys"), std::round(moved * 10000));
        // The new shard takes work only after the reshard, and then its share.
        QCOMPARE(at(r, "router.requests_s5", 3.0), 0.0);
        QVERIFY(r.metric("router", "requests_s5") > 0);
        QCOMPARE(r.failed, std::uint64_t{0});
        // Keys are read where they live: copies land before reads move, so reads stay fresh
        // but for writes racing their key's copy.
        QVERIFY(static_cast<double>(r.counter("stale_reads")) < 0.002 * static_cast<double>(r.ok));
    }

    void zipfSkewMakesAHotShard() {
        const int shards = 8;
        const std::uint32_t keys = 10000;
        const double s = 1.1;
        json d = sharded(shards, {{"partitioning", "hash_mod"}, {"key_space", keys}},
                         {{"rate_rps", 2000}, {"mix", mix(1, 0, 0)}, {"keys", keys}, {"zipf_s", s}},
                         {{"workers", 64}});
        const auto r = run(d, 10);
        // Each shard's expected share is the Zipf popularity of the keys it owns.
        const ShardMap map(ShardMap::Scheme::HashMod, shards, 1, keys);
        std::vector<double> expected(shards, 0.0);
        double norm = 0;
        for (std::uint32_t k = 0; k < keys; ++k) {
            const double p = 1.0 / std::pow(k + 1.0, s);
            expected[map.owner(k, shards)] += p;
            norm += p;
        }
        double total = 0, most = 0;
        std::vector<double> measured;
        for (int i = 1; i <= shards; ++i) {
            measured.push_back(r.metric("router", "requests_s" + std::to_string(i)));
            total += measured.back();
        }
        for (int i = 0; i < shards; ++i) {
            const double share = measured[i] / total, want = expected[i] / norm;
            qInfo("shard s%d: %.3f of the load (Zipf predicts %.3f)", i + 1, share, want);
            QVERIFY(std::abs(share - want) < 0.015); // > 4 binomial sd at 20000 requests
            most = std::max(most, share);
        }
        qInfo("hot shard ratio %.2f", r.metric("router", "hot_shard_ratio"));
        QVERIFY(most > 1.5 / shards);
        QVERIFY(r.metric("router", "hot_shard_ratio") > 1.5);
    }

    void crossShardJoinHasTheLongerTail() {
        // Four shards with exponential 5 ms reads at low load: a single-shard read's p99 is
        // 5 ln(100) ms, a scatter-gather join's the p99 of the slowest of four,
        // -5 ln(1 - 0.99^(1/4)) ms; both plus 4 ms of hops and web work.
        const double m = 5, fixed = 4;
        const double readTheory = fixed + m * std::log(100.0);
        const double joinTheory = fixed - m * std::log(1 - std::pow(0.99, 0.25));
        double p99[2];
        for (int join = 0; join < 2; ++join) {
            json d = sharded(4, {{"partitioning", "hash_mod"}},
                             {{"rate_rps", 500}, {"mix", mix(1 - join, 0, join)}},
                             {{"read_ms", m}, {"workers", 64}});
            p99[join] = run(d, 20).p99Ms;
        }
        qInfo("p99: single-shard read %.1f ms (theory %.1f), join %.1f ms (theory %.1f)", p99[0],
              readTheory, p99[1], joinTheory);
        QVERIFY(p99[1] > p99[0] * 1.15);
        QVERIFY(std::abs(p99[0] - readTheory) < 0.1 * readTheory);
        QVERIFY(std::abs(p99[1] - joinTheory) < 0.1 * joinTheory);
    }
};

QTEST_GUILESS_MAIN(DataShardingTest)
#include "test_data_sharding.moc"
