// The rate limiter: a token bucket of rate r and burst b admits r per second over a long
// run (within 1%) and at most b at one instant; a sliding window admits its limit per
// window; refused requests fail as rate_limited (HTTP 429) in the result, its data object
// and its series.
#include "TestDesign.h"

#include "components/common/TokenBucket.h"
#include "components/rate_limiter/AdmissionWindow.h"
#include "design/DesignJson.h"

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

    void perUserLimitsTellPopulationsApart() {
        // Two populations of one user each, 15 requests a second apiece, limited to 20 per
        // user: neither is limited (user 0 of one is not user 0 of the other).
        TestDesign d;
        d.node("a", "clients", steadyReaders(15, 1))
            .node("b", "clients", steadyReaders(15, 1))
            .node("limiter", "rate_limiter",
                  {{"scope", "per_user"}, {"rate_rps", 20}, {"burst", 20}})
            .node("web", "web_server", {{"workers", 8}, {"service_ms", 1}, {"embedded_db_ms", 0}})
            .link("a", "limiter")
            .link("b", "limiter")
            .link("limiter", "web");
        const auto r = d.run(60);
        QVERIFY(r.error.empty());
        QCOMPARE(r.failedBy("rate_limited"), std::uint64_t(0));
        QCOMPARE(r.metric("limiter", "tracked_users"), 2.0);
    }

    void theRateLimitedApiTemplateProtectsEveryoneElse() {
        auto loaded = sb::design::readDesignFile(SCALEBOARD_SOURCE_DIR
                                                 "/resources/templates/rate-limited-api.json",
                                                 sb::comp::ComponentRegistry::builtin());
        QVERIFY(loaded.ok());
        const sb::design::Design limited = *loaded.design;
        const auto run = [](const sb::design::Design& d) {
            sb::emu::RunSettings s = sb::comp::runSettingsFor(d);
            return sb::comp::runDesign(d, s);
        };
        const auto r = run(limited);
        QVERIFY(r.error.empty());
        // The scraper keeps its 20 a second; the users' 600 all pass; 1,480 a second are 429.
        const double okPerSecond = r.ok / r.virtualSeconds;
        const double limitedPerSecond = r.failedBy("rate_limited") / r.virtualSeconds;
        QVERIFY2(std::abs(okPerSecond - 620) < 620 * 0.03, QByteArray::number(okPerSecond));
        QVERIFY2(std::abs(limitedPerSecond - 1480) < 1480 * 0.02,
                 QByteArray::number(limitedPerSecond));
        QCOMPARE(r.failed, r.failedBy("rate_limited")); // nobody else fails
        QVERIFY2(r.p99Ms < 50, QByteArray::number(r.p99Ms));
        QVERIFY(std::abs(r.node("web")->utilization - 0.62) < 0.03); // 620/s of 1,000/s

        // Unguarded (the limit far above the scraper's rate): the servers saturate, the
        // queue's wait passes the users' 2 s timeout, and the ordinary users fail with the
        // scraper: far fewer requests succeed than the 620 a second above.
        sb::design::Design open = limited;
        for (auto& n : open.nodes)
            if (n.id.value == "limiter")
                n.props["rate_rps"] = 1e6;
        const auto o = run(open);
        QVERIFY(o.node("web")->utilization > 0.99);
        QVERIFY(o.failed > o.total / 2);
        QVERIFY2(o.ok < r.ok / 2, QByteArray::number(o.ok));
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
