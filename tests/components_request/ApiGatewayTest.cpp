// The api_gateway kind: requests go over the links whose `classes` name their class (the
// others over the links that name none), the gateway adds its latency_ms and auth_ms, and
// its token bucket of rate r and burst b admits r a second over a long run (within 1%),
// answering the rest 429 as a rate limiter does (rate_limited); a bad class name is a
// validation error that names it.
#include "TestDesign.h"

#include <QTest>
#include <algorithm>
#include <cmath>

using namespace sbtest;

namespace {

json mix(double read, double write, double stat) {
    return {{"read", read}, {"write", write}, {"static", stat}};
}

json service(double ms) {
    return {{"workers", 512}, {"service_ms", ms}, {"service_dist", "constant"}};
}

/// users -> gateway -> reads (read), writes (write), rest (no classes: static).
TestDesign routed(json gateway, double rate = 300) {
    TestDesign d;
    d.node("users", "clients",
           {{"rate_rps", rate}, {"timeout_ms", 600000}, {"mix", mix(0.5, 0.3, 0.2)}})
        .node("gw", "api_gateway", std::move(gateway))
        .node("reads", "service", service(2))
        .node("writes", "service", service(2))
        .node("rest", "service", service(2))
        .link("users", "gw", {{"latency_ms", 0}})
        .link("gw", "reads", {{"latency_ms", 0}, {"classes", "read"}})
        .link("gw", "writes", {{"latency_ms", 0}, {"classes", "write, join"}})
        .link("gw", "rest", {{"latency_ms", 0}});
    return d;
}

} // namespace

class ApiGatewayTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void routesEachClassOverItsLinks() {
        const auto r = routed({{"latency_ms", 1}}).run(100);
        QVERIFY(r.error.empty());
        QCOMPARE(r.failed, std::uint64_t(0));
        const auto reads = r.okByClass[static_cast<std::size_t>(sb::emu::RequestClass::Read)];
        const auto writes = r.okByClass[static_cast<std::size_t>(sb::emu::RequestClass::Write)];
        const auto statics = r.okByClass[static_cast<std::size_t>(sb::emu::RequestClass::Static)];
        QVERIFY(reads > 10000 && writes > 5000 && statics > 3000);
        QCOMPARE(arrivals(r, "reads"), reads);
        QCOMPARE(arrivals(r, "writes"), writes);
        QCOMPARE(arrivals(r, "rest"), statics);
    }

    void addsItsLatencyAndAuthentication() {
        // Constant 2 ms at the service, no link latency: the mean is the gateway's time + 2.
        const auto plain = routed({{"latency_ms", 3}}).run(30);
        const auto authed = routed({{"latency_ms", 3}, {"auth_ms", 7}}).run(30);
        QVERIFY(plain.error.empty() && authed.error.empty());
        QVERIFY2(std::abs(plain.meanMs - 5) < 0.01, QByteArray::number(plain.meanMs));
        QVERIFY2(std::abs(authed.meanMs - 12) < 0.01, QByteArray::number(authed.meanMs));
    }

    void rateLimitAdmitsItsRateAndAnswers429() {
        // 500 a second offered for 400 s into a bucket of 200/s and burst 50.
        const double T = 400;
        const auto r = routed({{"latency_ms", 1}, {"rate_rps", 200}, {"burst", 50}}, 500).run(T);
        QVERIFY(r.error.empty());
        const double okPerSecond = r.ok / r.virtualSeconds;
        qInfo("admitted %.2f a second of 500 offered, %llu answered 429", okPerSecond,
              static_cast<unsigned long long>(r.failedBy("rate_limited")));
        QVERIFY2(std::abs(okPerSecond - 200) < 200 * 0.01, QByteArray::number(okPerSecond));
        const std::uint64_t limited = r.failedBy("rate_limited");
        QCOMPARE(limited + r.ok, r.total);
        QCOMPARE(r.counter("rate_limited"), limited);
        QCOMPARE(r.metric("gw", "rate_limited"), static_cast<double>(limited));
        const auto j = sb::emu::toJson(r);
        QCOMPARE(j["requests"]["failed_by_reason"]["rate_limited"].get<std::uint64_t>(), limited);
    }

    void rateLimitAdmitsAtMostItsBurstAtOnce() {
        // The same bucket offered 5,000 a second: in no 0.1 s sample more than b + r·0.1
        // requests pass (50 + 20), and over the run r a second.
        const auto r = routed({{"latency_ms", 1}, {"rate_rps", 200}, {"burst", 50}}, 5000).run(60);
        QVERIFY(r.error.empty());
        const auto served = seriesColumn(r, "gw.served_rps"); // per 0.1 s sample
        QVERIFY(!served.empty());
        double most = 0;
        for (double perSecond : served)
            most = std::max(most, perSecond * 0.1);
        QVERIFY2(most <= 50 + 200 * 0.1 + 1e-6, QByteArray::number(most));
        QVERIFY2(most >= 50, QByteArray::number(most)); // the first sample takes the burst
        QVERIFY(std::abs(r.ok / r.virtualSeconds - 200) < 200 * 0.01 + 50 / 60.0);
    }

    void aClassNoLinkCarriesFailsAsNoRoute() {
        TestDesign d;
        d.node("users", "clients", {{"rate_rps", 100}, {"mix", mix(0.5, 0.5, 0)}})
            .node("gw", "api_gateway")
            .node("reads", "service", service(2))
            .link("users", "gw")
            .link("gw", "reads", {{"classes", "read"}});
        const auto r = d.run(30);
        QVERIFY(r.error.empty());
        QCOMPARE(r.failed, r.failedBy("no_route"));
        QCOMPARE(r.failed, r.failedByClass[static_cast<std::size_t>(sb::emu::RequestClass::Write)]);
        QVERIFY(r.ok > 1000);
    }

    void aDnsSendsUsersToAHealthyGateway() {
        // users -> dns (checks every second) -> gw1, gw2 -> api: the gateways answer the
        // probes; gw1 failed at 10 s stops getting users once the checks and the TTL
        // have passed, and the errors stop.
        TestDesign d;
        d.node("users", "clients", {{"rate_rps", 200}, {"users", 500}, {"mix", mix(1, 0, 0)}})
            .node("dns", "dns", {{"health_check_s", 1}, {"ttl_s", 1}})
            .node("gw1", "api_gateway")
            .node("gw2", "api_gateway")
            .node("api", "service", service(2))
            .link("users", "dns")
            .link("dns", "gw1")
            .link("dns", "gw2")
            .link("gw1", "api")
            .link("gw2", "api");
        const auto healthy = d.run(30);
        QVERIFY(healthy.error.empty());
        QCOMPARE(healthy.failed, std::uint64_t(0));
        d.fault(10, "gw1", "fail");
        const auto r = d.run(40);
        QVERIFY(r.error.empty());
        QVERIFY(r.failed > 0);
        QCOMPARE(seriesMean(r, "errors_rps", 25, 40), 0.0);
        QVERIFY(seriesMean(r, "gw2.served_rps", 25, 40) > 150);
    }

    void anUnknownClassIsAValidationError() {
        TestDesign d = routed({});
        for (auto& link : d.design().links)
            if (link.to.value == "reads")
                link.props["classes"] = "read, reed";
        const std::string errors = d.errors();
        QVERIFY2(errors.find("classes") != std::string::npos &&
                     errors.find("'reed'") != std::string::npos,
                 errors.c_str());
    }
};

QTEST_GUILESS_MAIN(ApiGatewayTest)
#include "ApiGatewayTest.moc"
