// The service kind against theory: a service calling n downstreams whose service times are
// exponential with mean m, with no queueing anywhere, adds n·m to the mean response time
// when it calls them in sequence and m·H(n) (H the harmonic number: the mean of the
// largest of n exponentials) when it calls them in parallel, within a 4-sigma bound of the
// sample mean over tens of thousands of requests. A downstream that fails a call fails
// the request per the caller's policy: in sequence the calls after it are not made, in
// parallel they all are. A web server calls the services it links to one after another.
#include "TestDesign.h"

#include <QTest>
#include <cmath>

using namespace sbtest;

namespace {

constexpr double kFrontMs = 1;   // the calling service's own (constant) time
constexpr double kMeanMs = 20;   // each downstream's mean (exponential) time
constexpr double kRate = 200;    // requests a second
constexpr double kSeconds = 200; // 40,000 requests

json readers() {
    return {{"rate_rps", kRate},
            {"timeout_ms", 600000},
            {"mix", {{"read", 1.0}, {"write", 0.0}, {"static", 0.0}}}};
}

/// users -> front (fan_out) -> d1..dn, ample workers everywhere, links without latency.
TestDesign fanOut(int n, const std::string& mode, json frontExtra = json::object()) {
    TestDesign d;
    json front = {{"workers", 256},
                  {"service_ms", kFrontMs},
                  {"service_dist", "constant"},
                  {"queue_limit", 10000},
                  {"fan_out", mode}};
    front.update(frontExtra);
    d.node("users", "clients", readers()).node("front", "service", front);
    d.link("users", "front", {{"latency_ms", 0}});
    for (int i = 1; i <= n; ++i) {
        const std::string id = "d" + std::to_string(i);
        d.node(id, "service",
               {{"workers", 256}, {"service_ms", kMeanMs}, {"service_dist", "exponential"}});
        d.link("front", id, {{"latency_ms", 0}});
    }
    return d;
}

double harmonic(int n) {
    double h = 0;
    for (int k = 1; k <= n; ++k)
        h += 1.0 / k;
    return h;
}

} // namespace

class ServiceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fanOutAddsTheSumOrTheMaximum_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("mode");
        for (int n : {1, 2, 4})
            for (const char* mode : {"sequence", "parallel"})
                QTest::newRow((std::to_string(n) + " " + mode).c_str()) << n << QString(mode);
    }
    void fanOutAddsTheSumOrTheMaximum() {
        QFETCH(int, n);
        QFETCH(QString, mode);
        const bool parallel = mode == QStringLiteral("parallel");
        const auto r = fanOut(n, mode.toStdString()).run(kSeconds, 10);
        QVERIFY(r.error.empty());
        QCOMPARE(r.failed, std::uint64_t(0));
        QVERIFY(r.ok > 30000);
        // Sequence: a sum of n exponentials (mean n·m, variance n·m²). Parallel: their
        // maximum (mean m·H(n), variance m²·Σ 1/k²).
        double added = n * kMeanMs, variance = n * kMeanMs * kMeanMs;
        if (parallel) {
            added = kMeanMs * harmonic(n);
            variance = 0;
            for (int k = 1; k <= n; ++k)
                variance += kMeanMs * kMeanMs / (double(k) * k);
        }
        const double expected = kFrontMs + added;
        const double bound = 4 * std::sqrt(variance / static_cast<double>(r.ok));
        qInfo("%d %s: mean %.2f ms over %llu requests, expected %.2f ± %.2f", n, qPrintable(mode),
              r.meanMs, static_cast<unsigned long long>(r.ok), expected, bound);
        QVERIFY2(std::abs(r.meanMs - expected) < bound,
                 qPrintable(QStringLiteral("mean %1 ms, expected %2 ± %3")
                                .arg(r.meanMs)
                                .arg(expected)
                                .arg(bound)));
        // Each downstream served every request once (give or take the requests that
        // straddle the end of the warm-up or of the run).
        for (int i = 1; i <= n; ++i)
            QVERIFY(std::abs(double(arrivals(r, "d" + std::to_string(i))) - double(r.ok)) <
                    0.001 * double(r.ok));
        QCOMPARE(r.metric("front", "amplification"), 1.0);
    }

    void aFailingDownstreamFailsTheCallPerPolicy_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("sequence") << QStringLiteral("sequence");
        QTest::newRow("parallel") << QStringLiteral("parallel");
    }
    void aFailingDownstreamFailsTheCallPerPolicy() {
        // d1 takes 200 ms a call; the front's link to it times out at 50 ms, twice
        // (max_attempts 2): every request fails as a timeout, after two attempts at d1.
        QFETCH(QString, mode);
        TestDesign d = fanOut(2, mode.toStdString());
        for (auto& node : d.design().nodes)
            if (node.id.value == "d1")
                node.props = {{"workers", 256}, {"service_ms", 200}, {"service_dist", "constant"}};
        for (auto& link : d.design().links)
            if (link.to.value == "d1")
                link.props["call_policy"] = {
                    {"timeout_ms", 50}, {"max_attempts", 2}, {"backoff_base_ms", 1}};
        const auto r = d.run(60, 5);
        QVERIFY(r.error.empty());
        QCOMPARE(r.ok, std::uint64_t(0));
        QCOMPARE(r.failedBy("timeout"), r.failed);
        QVERIFY(r.failed > 10000);
        QVERIFY(r.metric("front", "attempts_timed_out") >= 2.0 * r.failed);
        QVERIFY(r.metric("front", "call_retries") >= r.failed);
        if (mode == QStringLiteral("sequence")) {
            QCOMPARE(arrivals(r, "d2"), std::uint64_t(0)); // the sequence stopped at d1
        } else {
            // All at once: d2 was called too, once a request (give or take the requests
            // that straddle the end of the warm-up or of the run).
            QVERIFY(std::abs(double(arrivals(r, "d2")) - double(r.failed)) <
                    0.001 * double(r.failed));
        }
    }

    void aWebServerCallsItsServicesInTurn() {
        // users -> web (1 ms) -> s1, s2 (10 ms each, constant): 21 ms, the services called
        // one after another and no database work of the web server's own; with s2 down,
        // every request fails (node_down) after s1 served it.
        TestDesign d;
        d.node("users", "clients", readers())
            .node("web", "web_server",
                  {{"workers", 256}, {"service_ms", 1}, {"service_dist", "constant"}})
            .node("s1", "service",
                  {{"workers", 256}, {"service_ms", 10}, {"service_dist", "constant"}})
            .node("s2", "service",
                  {{"workers", 256}, {"service_ms", 10}, {"service_dist", "constant"}})
            .link("users", "web", {{"latency_ms", 0}})
            .link("web", "s1", {{"latency_ms", 0}})
            .link("web", "s2", {{"latency_ms", 0}});
        const auto r = d.run(30);
        QVERIFY(r.error.empty());
        QCOMPARE(r.failed, std::uint64_t(0));
        QVERIFY2(std::abs(r.meanMs - 21) < 0.01, QByteArray::number(r.meanMs));
        for (const char* service : {"s1", "s2"}) // each once a request (a few still in flight)
            QVERIFY(std::abs(double(arrivals(r, service)) - double(r.ok)) < 0.005 * double(r.ok));
        d.fault(0, "s2", "fail");
        const auto down = d.run(30);
        QCOMPARE(down.ok, std::uint64_t(0));
        QCOMPARE(down.failedBy("node_down"), down.failed);
        QVERIFY(arrivals(down, "s1") >= down.failed);
    }

    void aBalancerHealthChecksItsServices() {
        // users -> lb (checks every second) -> s1, s2: both answer the probes, so nothing
        // fails; s2 failed at 10 s is taken out and its share goes to s1.
        TestDesign d;
        d.node("users", "clients", readers())
            .node("lb", "load_balancer", {{"health_check_s", 1}})
            .node("s1", "service", {{"workers", 256}, {"service_ms", 5}})
            .node("s2", "service", {{"workers", 256}, {"service_ms", 5}})
            .link("users", "lb")
            .link("lb", "s1")
            .link("lb", "s2");
        const auto healthy = d.run(30);
        QVERIFY(healthy.error.empty());
        QCOMPARE(healthy.failed, std::uint64_t(0));
        d.fault(10, "s2", "fail");
        const auto r = d.run(30);
        QVERIFY(r.error.empty());
        QVERIFY(r.failed > 0); // until the checks find s2 down, no longer
        QCOMPARE(seriesMean(r, "errors_rps", 20, 30), 0.0);
        QVERIFY(arrivals(r, "s1") > arrivals(r, "s2") * 2);
    }

    void aDownNodeWithABreakerShortCircuits_data() {
        QTest::addColumn<bool>("onLink");
        QTest::newRow("node's breaker") << false;
        QTest::newRow("link's breaker") << true;
    }
    void aDownNodeWithABreakerShortCircuits() {
        // d2 is down from 10 s to 20 s; the front's breaker opens within its window and
        // refuses the calls (circuit_open), and closes after the recovery. With the breaker
        // on the link to d2 alone (the node's policy inactive), the node's breaker_open
        // gauge is that link's breaker's state: the worst of the caller's breakers.
        QFETCH(bool, onLink);
        const json breaker = {{"breaker", true},
                              {"breaker_window_s", 2},
                              {"breaker_min_calls", 20},
                              {"breaker_open_s", 2},
                              {"breaker_probes", 3}};
        TestDesign d =
            fanOut(2, "parallel", onLink ? json::object() : json{{"call_policy", breaker}});
        if (onLink)
            for (auto& link : d.design().links)
                if (link.to.value == "d2")
                    link.props["call_policy"] = breaker;
        d.fault(10, "d2", "fail").fault(20, "d2", "recover");
        const auto r = d.run(40);
        QVERIFY(r.error.empty());
        QVERIFY(r.failedBy("circuit_open") > 0);
        QVERIFY(r.counter("breaker_opens") >= 1);
        const auto gauge = seriesColumn(r, "front.breaker_open");
        const auto& time = r.series.time();
        QVERIFY(!gauge.empty());
        bool openedInWindow = false;
        for (std::size_t i = 0; i < gauge.size(); ++i)
            if (time[i] > 10 && time[i] <= 12.5 && gauge[i] == 1.0)
                openedInWindow = true;
        QVERIFY(openedInWindow);
        QCOMPARE(gauge.back(), 0.0);
        QCOMPARE(seriesMean(r, "errors_rps", 30, 40), 0.0);
    }
};

QTEST_GUILESS_MAIN(ServiceTest)
#include "ServiceTest.moc"
