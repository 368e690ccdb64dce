// The cache's item table and its eviction orders, tested directly against the published
// models: Che's approximation for LRU under Zipf, the LFU >= LRU >= FIFO ordering on a
// static Zipf workload, and the hit ratio of a TTL cache under Poisson requests.
#include "components/common/CacheTable.h"
#include "emulator/RandomStream.h"
#include "emulator/ZipfSampler.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <vector>

using namespace sb::comp;

namespace {

std::vector<double> zipfProbabilities(std::size_t n, double s) {
    std::vector<double> p(n);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i)
        sum += p[i] = std::pow(static_cast<double>(i + 1), -s);
    for (double& x : p)
        x /= sum;
    return p;
}

/// Che's approximation: the characteristic time T solves sum(1 - e^{-p_i T}) = C; the hit
/// ratio is sum p_i (1 - e^{-p_i T}).
double cheHitRatio(const std::vector<double>& p, double capacity) {
    auto filled = [&](double t) {
        double sum = 0;
        for (double x : p)
            sum += 1 - std::exp(-x * t);
        return sum;
    };
    double lo = 0, hi = capacity;
    while (filled(hi) < capacity)
        hi *= 2;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (filled(mid) < capacity ? lo : hi) = mid;
    }
    double hit = 0;
    for (double x : p)
        hit += x * (1 - std::exp(-x * lo));
    return hit;
}

/// Replays independent Zipf requests through a cache (a miss stores the key) and returns
/// the hit ratio after `warm` requests.
double measuredHitRatio(Eviction eviction, std::size_t keys, double s, std::size_t capacity,
                        int warm, int measured, std::uint64_t seed) {
    CacheTable cache(capacity, eviction);
    const sb::emu::ZipfSampler zipf(keys, s);
    sb::emu::RandomStream rng(seed, "cache-policy-test");
    int hits = 0;
    for (int i = 0; i < warm + measured; ++i) {
        const auto key = static_cast<std::uint32_t>(zipf.sample(rng) - 1);
        const bool hit = cache.lookup(key, 0) != nullptr;
        if (!hit)
            cache.store(key, 0, sb::emu::kNever);
        if (i >= warm && hit)
            ++hits;
    }
    return static_cast<double>(hits) / measured;
}

} // namespace

class CachePolicyTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void evictsTheRightItem_data() {
        QTest::addColumn<QString>("eviction");
        QTest::addColumn<QString>("operations");
        QTest::addColumn<QString>("kept");
        // Capacity 3; "s4" stores key 4, "l1" looks key 1 up.
        QTest::newRow("lru drops the least recently used") << "lru"
                                                           << "s1 s2 s3 l1 s4"
                                                           << "1 3 4";
        QTest::newRow("fifo drops the oldest insertion") << "fifo"
                                                         << "s1 s2 s3 l1 s4"
                                                         << "2 3 4";
        QTest::newRow("lfu drops the least used") << "lfu"
                                                  << "s1 s2 s3 l1 l1 l2 s4"
                                                  << "1 2 4";
        QTest::newRow("lfu breaks ties by recency") << "lfu"
                                                    << "s1 s2 s3 l2 l3 l1 s4"
                                                    << "1 3 4";
        QTest::newRow("lfu newcomer goes first") << "lfu"
                                                 << "s1 s2 s3 l1 l2 l3 s4 s5"
                                                 << "2 3 5";
    }
    void evictsTheRightItem() {
        QFETCH(QString, eviction);
        QFETCH(QString, operations);
        QFETCH(QString, kept);
        CacheTable cache(3, parseEviction(eviction.toStdString()));
        for (const QString& op : operations.split(u' ')) {
            const auto key = op.mid(1).toUInt();
            if (op.startsWith(u's'))
                cache.store(key, 1, sb::emu::kNever);
            else
                cache.lookup(key, 0);
        }
        QStringList held;
        for (std::uint32_t key = 1; key <= 9; ++key)
            if (cache.peek(key))
                held << QString::number(key);
        QCOMPARE(held.join(u' '), kept);
        QCOMPARE(cache.size(), static_cast<std::size_t>(kept.count(u' ') + 1));
    }

    void itemsExpireAtTheirTtl() {
        CacheTable cache(10, Eviction::Lru);
        cache.store(7, 3, 10 * sb::emu::kSecond);
        QVERIFY(cache.lookup(7, 10 * sb::emu::kSecond - 1));
        QCOMPARE(cache.lookup(7, 10 * sb::emu::kSecond - 1)->version, std::uint64_t{3});
        QVERIFY(!cache.lookup(7, 10 * sb::emu::kSecond));
        QCOMPARE(cache.size(), std::size_t{0});
        QCOMPARE(cache.expirations(), std::uint64_t{1});
    }

    void lruMatchesChesApproximation_data() {
        QTest::addColumn<int>("keys");
        QTest::addColumn<double>("skew");
        QTest::addColumn<int>("capacity");
        QTest::newRow("N=10000 s=0.8 C=100") << 10000 << 0.8 << 100;
        QTest::newRow("N=10000 s=0.8 C=1000") << 10000 << 0.8 << 1000;
        QTest::newRow("N=10000 s=1.0 C=200") << 10000 << 1.0 << 200;
        QTest::newRow("N=100000 s=1.2 C=500") << 100000 << 1.2 << 500;
    }
    void lruMatchesChesApproximation() {
        QFETCH(int, keys);
        QFETCH(double, skew);
        QFETCH(int, capacity);
        const double che = cheHitRatio(zipfProbabilities(keys, skew), capacity);
        const double measured =
            measuredHitRatio(Eviction::Lru, keys, skew, capacity, 20 * capacity, 400000, 11);
        qInfo("LRU hit ratio %.4f, Che %.4f (%.2f%% apart)", measured, che,
              100 * std::abs(measured - che) / che);
        // Che is accurate to about a percent here; 400k requests add < 0.3% noise.
        QVERIFY(std::abs(measured - che) / che < 0.03);
    }

    void lfuBeatsLruBeatsFifoOnStaticZipf_data() {
        QTest::addColumn<double>("skew");
        QTest::addColumn<int>("capacity");
        QTest::newRow("s=0.8 C=200") << 0.8 << 200;
        QTest::newRow("s=1.0 C=500") << 1.0 << 500;
    }
    void lfuBeatsLruBeatsFifoOnStaticZipf() {
        QFETCH(double, skew);
        QFETCH(int, capacity);
        const int keys = 10000;
        auto run = [&](Eviction e) {
            return measuredHitRatio(e, keys, skew, capacity, 20 * capacity, 400000, 5);
        };
        const double lfu = run(Eviction::Lfu), lru = run(Eviction::Lru), fifo = run(Eviction::Fifo);
        auto p = zipfProbabilities(keys, skew);
        const double ideal = std::accumulate(p.begin(), p.begin() + capacity, 0.0);
        qInfo("hit ratio LFU %.4f >= LRU %.4f >= FIFO %.4f (ideal LFU %.4f)", lfu, lru, fifo,
              ideal);
        QVERIFY(lfu > lru);
        QVERIFY(lru > fifo);
        // A perfect-knowledge LFU holds the C most popular keys: the bound. This LFU counts
        // only while an item is cached, so a popular key that came late may never settle.
        QVERIFY(lfu < ideal + 0.005);
    }

    void ttlCacheMatchesTheory_data() {
        QTest::addColumn<double>("ttl");
        QTest::newRow("ttl 0.2 s") << 0.2;
        QTest::newRow("ttl 1 s") << 1.0;
        QTest::newRow("ttl 5 s") << 5.0;
    }
    void ttlCacheMatchesTheory() {
        // Poisson requests at rate lambda, Zipf keys, no capacity limit: key i is a hit
        // with probability lambda_i tau / (1 + lambda_i tau) (each miss opens a tau window).
        QFETCH(double, ttl);
        const int keys = 2000;
        const double lambda = 2000, skew = 0.9;
        const auto p = zipfProbabilities(keys, skew);
        double theory = 0;
        for (double x : p)
            theory += x * (lambda * x * ttl) / (1 + lambda * x * ttl);
        CacheTable cache(keys, Eviction::Lru);
        const sb::emu::ZipfSampler zipf(keys, skew);
        sb::emu::RandomStream rng(3, "ttl-test");
        double t = 0;
        int hits = 0, measured = 0;
        for (int i = 0; i < 600000; ++i) {
            t += rng.exponential(1 / lambda);
            const auto now = sb::emu::fromSeconds(t);
            const auto key = static_cast<std::uint32_t>(zipf.sample(rng) - 1);
            const bool hit = cache.lookup(key, now) != nullptr;
            if (!hit)
                cache.store(key, 0, now + sb::emu::fromSeconds(ttl));
            if (t > 10 * ttl) {
                ++measured;
                hits += hit ? 1 : 0;
            }
        }
        const double ratio = static_cast<double>(hits) / measured;
        qInfo("TTL %.1f s: hit ratio %.4f, theory %.4f", ttl, ratio, theory);
        QVERIFY(std::abs(ratio - theory) < 0.01);
    }
};

QTEST_GUILESS_MAIN(CachePolicyTest)
#include "CachePolicyTest.moc"
