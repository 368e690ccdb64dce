// The rate limiter: a token bucket of rate r and burst b admits r per second over a long
// run (within 1%) and at most b at one instant; a sliding window admits its limit per
// window; refused requests fail as rate_limited (HTTP 429) in the result, its data object
// and its series.
#include "TestDesign.h"

#include "components/rate_limiter/AdmissionWindow.h"

#include <QTest>
#include <algorithm>
#include <cmath>

using namespace sbtest;
using sb::comp::SlidingWindow;
using sb::comp::TokenBucket;
using sb::emu::kMillisecond;
using sb::emu::kSecond;

namespace {

json steadyReaders(double rate, int users) {
    return {{"rate_rps", rate},
            {"users", users},
            {"mix", {{"read", 1.0}, {"write", 0.0}, {"static", 0.0}}}};
}

/// users -> limiter -> web (with room for every admitted request).
TestDesign limitedApi(double offered, int users, json limiter) {
    TestDesign d;
    d.node("users", "clients", steadyReaders(offered, users))
        .node("limiter", "rate_limiter", std::move(limiter))
        .node("web", "web_server",
              {{"workers", 64}, {"service_ms", 5}, {"embedded_db_ms", 0}, {"queue_limit", 1000}})
        .link("users", "limiter")
        .link("limiter", "web");
    return d;
}

} // namespace

class RateLimiterTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tokenBucketAdmitsItsRateOverALongRun() {
        // Offered 1000/s evenly for 1000 s into a bucket of 200/s: r * T + b admitted.
        TokenBucket bucket(200, 20);
        std::uint64_t admitted = 0;
        for (sb::emu::Time t = 0; t < 1000 * kSecond; t += kMillisecond)
            admitted += bucket.admit(t) ? 1 : 0;
        const double perSecond = admitted / 1000.0;
        QVERIFY2(std::abs(perSecond - 200) < 2, QByteArray::number(perSecond));
    }

    void tokenBucketAdmitsAtMostItsBurstAtOnce() {
        TokenBucket bucket(200, 20);
        int first = 0;
        for (int i = 0; i < 1000; ++i) // a thousand at one instant, after a quiet 10 s
            first += bucket.admit(10 * kSecond) ? 1 : 0;
        QCOMPARE(first, 20);
        // 50 ms later the bucket has refilled 10 tokens, no more.
        int later = 0;
        for (int i = 0; i < 1000; ++i)
            later += bucket.admit(10 * kSecond + 50 * kMillisecond) ? 1 : 0;
        QCOMPARE(later, 10);
    }

    void slidingWindowAdmitsItsLimitPerWindow() {
        SlidingWindow window(100, kSecond);
        std::uint64_t admitted = 0;
        for (sb::emu::Time t = 0; t < 100 * kSecond; t += kMillisecond)
            admitted += window.admit(t) ? 1 : 0;
        const double perSecond = admitted / 100.0;
        QVERIFY2(std::abs(perSecond - 100) < 1, QByteArray::number(perSecond));
        // At most the limit in any one window (here: the last full second).
        SlidingWindow fresh(100, kSecond);
        int burst = 0;
        for (int i = 0; i < 1000; ++i)
            burst += fresh.admit(5 * kSecond) ? 1 : 0;
        QCOMPARE(burst, 100);
    }

    void emulatedLimiterAdmitsItsRateAndAnswers429() {
        const double T = 200;
        const auto r =
            limitedApi(500, 2000, {{"algorithm", "token_bucket"}, {"rate_rps", 200}, {"burst", 20}})
                .run(T);
        QVERIFY(r.error.empty());
        const double okPerSecond = r.ok / r.virtualSeconds;
        QVERIFY2(std::abs(okPerSecond - 200) < 2, QByteArray::number(okPerSecond));
        const std::uint64_t limited = r.failedBy("rate_limited");
        QCOMPARE(limited + r.ok, r.total);
        QCOMPARE(r.counter("rate_limited"), limited);
        QVERIFY(std::abs(limited / r.virtualSeconds - 300) < 15);
        const auto column = seriesColumn(r, "rate_limited");
        QVERIFY(!column.empty());
        QCOMPARE(column.back(), static_cast<double>(limited));
        const auto* node = r.node("limiter");
        QVERIFY(node);
        const auto code = std::find(r.failReasons.begin(), r.failReasons.end(), "rate_limited") -
                          r.failReasons.begin();
        QCOMPARE(node->failures[static_cast<std::size_t>(code)], limited);
        const auto j = sb::emu::toJson(r);
        QCOMPARE(j["requests"]["failed_by_reason"]["rate_limited"].get<std::uint64_t>(), limited);
    }

    void sitsBetweenTheEdgeAndWhatItGuards() {
        const auto& registry = sb::comp::ComponentRegistry::builtin();
        const auto& limiter = *registry.find("rate_limiter");
        QVERIFY(sb::design::mayLink(*registry.find("clients"), limiter));
        QVERIFY(sb::design::mayLink(*registry.find("dns"), limiter));
        QVERIFY(sb::design::mayLink(limiter, *registry.find("load_balancer")));
        QVERIFY(sb::design::mayLink(limiter, *registry.find("web_server")));
        QVERIFY(!sb::design::mayLink(limiter, *registry.find("cache")));
        QVERIFY(!sb::design::mayLink(*registry.find("web_server"), limiter));
    }

    void perUserLimitsEachUserApart() {
        // 10 users of 50/s each, 20/s each allowed: 200/s in all; a global limit of 20/s
        // would admit a tenth of that.
        const auto perUser =
            limitedApi(500, 10, {{"scope", "per_user"}, {"rate_rps", 20}, {"burst", 5}}).run(100);
        const double okPerSecond = perUser.ok / perUser.virtualSeconds;
        QVERIFY2(std::abs(okPerSecond - 200) < 4, QByteArray::number(okPerSecond));
        const auto global = limitedApi(500, 10, {{"rate_rps", 20}, {"burst", 5}}).run(100);
        QVERIFY(std::abs(global.ok / global.virtualSeconds - 20) < 1);
    }
};

QTEST_GUILESS_MAIN(RateLimiterTest)
#include "RateLimiterTest.moc"
