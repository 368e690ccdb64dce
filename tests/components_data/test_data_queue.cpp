// queue and worker: backlog growth at (arrival - service) rate and rejections at capacity,
// pub-sub delivery to every consumer group, work-queue sharing, workers down while the web
// tier keeps answering, and messages lost with an unreplicated queue.
#include "DesignRun.h"

#include <QtTest>

using namespace datatest;

namespace {

json asyncOnly() {
    return {{"read", 0}, {"write", 0}, {"static", 0}, {"async", 1}, {"join", 0}};
}

/// users -> web1 -> q -> workers (and whatever else `extraNodes`/`extraLinks` add).
json pipeline(double rate, json queue, json workers, json extraLinks = json::array(),
              json faults = json::array()) {
    json nodes = json::array({node("users", "clients", {{"rate_rps", rate}, {"mix", asyncOnly()}}),
                              node("web1", "web_server", {{"workers", 64}, {"service_ms", 1}}),
                              node("q", "queue", queue)});
    json links = json::array({edge("users", "web1"), edge("web1", "q")});
    for (const auto& w : workers) {
        nodes.push_back(w);
        if (w["kind"] == "worker")
            links.push_back(edge("q", w["id"]));
    }
    for (const auto& l : extraLinks)
        links.push_back(l);
    return design(nodes, links, faults);
}

} // namespace

class DataQueueTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void backlogGrowsAtArrivalMinusServiceRate() {
        // 200 jobs/s arrive; one worker holds a message for its 10 ms of work plus the
        // 1 ms delivery round trip, so it finishes 1/0.011 = 90.9/s: the backlog grows at
        // 109.1/s and the 1000-message queue is full after 9.17 s.
        const double growth = 200 - 1 / 0.011;
        json d = pipeline(
            200, {{"capacity", 1000}},
            json::array(
                {node("w1", "worker",
                      {{"workers", 1}, {"service_ms", 10}, {"service_dist", "constant"}})}));
        const auto r = run(d, 15);
        const double slope = (at(r, "q.depth", 8) - at(r, "q.depth", 2)) / 6;
        double firstRejection = -1;
        const int col = r.series.column("q.rejections");
        for (std::size_t i = 0; i < r.series.rows() && firstRejection < 0; ++i)
            if (r.series.values(col)[i] > 0)
                firstRejection = r.series.time()[i];
        qInfo("depth slope %.1f msg/s (theory %.1f), first rejection at %.2f s (theory %.2f), "
              "rejected %.0f, web p50 %.2f ms",
              slope, growth, firstRejection, 1000 / growth, r.metric("q", "rejections"), r.p50Ms);
        // Poisson arrivals over 6 s: the slope's standard deviation is sqrt(1200)/6 = 5.8/s.
        QVERIFY(std::abs(slope - growth) < 3 * 5.8);
        QVERIFY(std::abs(firstRejection - 1000 / growth) < 1);
        QVERIFY(maxBetween(r, "q.depth", 0, 15) <= 1000);
        // Once full, the excess is refused.
        QVERIFY(std::abs(r.metric("q", "rejections") - growth * (15 - firstRejection)) < 100);
        QCOMPARE(static_cast<double>(r.node("q")->rejected), r.metric("q", "rejections"));
        QVERIFY(r.metric("q", "consumer_lag_ms") > 5000);
        QVERIFY(r.p50Ms < 5); // publishing stays fast
    }

    void pubSubDeliversToEveryGroup() {
        json d =
            pipeline(100, {{"delivery", "pub_sub"}},
                     json::array({node("a1", "worker", {{"group", "billing"}, {"service_ms", 5}}),
                                  node("a2", "worker", {{"group", "billing"}, {"service_ms", 5}}),
                                  node("b1", "worker", {{"group", "email"}, {"service_ms", 5}})}));
        const auto r = run(d, 10);
        const double published = r.metric("q", "published");
        const double billing = r.metric("a1", "jobs_done") + r.metric("a2", "jobs_done");
        const double email = r.metric("b1", "jobs_done");
        qInfo("published %.0f, billing group did %.0f (a1 %.0f, a2 %.0f), email group %.0f",
              published, billing, r.metric("a1", "jobs_done"), r.metric("a2", "jobs_done"), email);
        QVERIFY(published > 900);
        // Each message goes to both groups: delivered twice, less what is still in flight.
        QCOMPARE(r.metric("q", "delivered") + r.metric("q", "depth"), 2 * published);
        QVERIFY(published - billing <= 5);
        QVERIFY(published - email <= 5);
        QVERIFY(r.metric("a1", "jobs_done") > 0.3 * published); // the group shares its copy
        QVERIFY(r.metric("a2", "jobs_done") > 0.3 * published);
    }

    void workQueueDeliversOnce() {
        json d = pipeline(100, {{"delivery", "work_queue"}},
                          json::array({node("w1", "worker", {{"group", "a"}, {"service_ms", 5}}),
                                       node("w2", "worker", {{"group", "b"}, {"service_ms", 5}})}));
        const auto r = run(d, 10);
        const double published = r.metric("q", "published");
        const double done = r.metric("w1", "jobs_done") + r.metric("w2", "jobs_done");
        QCOMPARE(r.metric("q", "delivered") + r.metric("q", "depth"), published);
        QVERIFY(published - done <= 5);
        QVERIFY(r.metric("w1", "jobs_done") > 0.3 * published);
    }

    void backlogDrainsAfterWorkersRecover() {
        // 50 jobs/s; the worker (4 x 1/17 ms with the database write: 235/s) is down from 5 s to 10
        // s and writes each job to db1.
        json d = pipeline(50, json::object(),
                          json::array({node("w1", "worker", {{"workers", 4}, {"service_ms", 10}}),
                                       node("db1", "db_primary")}),
                          json::array({edge("w1", "db1")}),
                          json::array({fault(5, "w1", "fail"), fault(10, "w1", "recover")}));
        const auto r = run(d, 20);
        const double piled = at(r, "q.depth", 9.9);
        qInfo(
            "backlog when the worker returns %.0f (theory 250), drained by %.1f s, job p99 "
            "%.0f ms",
            piled,
            [&] {
                const int c = r.series.column("q.depth");
                for (std::size_t i = 0; i < r.series.rows(); ++i)
                    if (r.series.time()[i] > 10 && r.series.values(c)[i] == 0)
                        return r.series.time()[i];
                return -1.0;
            }(),
            r.metric("q", "job_latency_p99_ms"));
        QVERIFY(std::abs(piled - 250) < 3 * std::sqrt(250.0));
        QCOMPARE(r.failed, std::uint64_t{0}); // the web tier kept answering
        QVERIFY(at(r, "q.depth", 12) < 5);    // drained at about 185/s net
        QCOMPARE(r.counter("lost_messages"), std::uint64_t{0});
        // Every job wrote once to the database (up to 4 written but not yet finished).
        const double unfinished = r.metric("db1", "writes") - r.metric("w1", "jobs_done");
        QVERIFY(unfinished >= 0 && unfinished <= 4);
        QVERIFY(r.metric("q", "job_latency_p99_ms") > 4000); // some waited out the outage
    }

    void queueFailureLosesUnreplicatedMessages_data() {
        QTest::addColumn<bool>("replicated");
        QTest::newRow("in memory") << false;
        QTest::newRow("replicated") << true;
    }
    void queueFailureLosesUnreplicatedMessages() {
        QFETCH(bool, replicated);
        json d = pipeline(50, {{"replicated", replicated}},
                          json::array({node("w1", "worker", {{"service_ms", 5}})}), json::array(),
                          json::array({fault(2, "w1", "fail"), fault(6, "q", "fail"),
                                       fault(7, "q", "recover"), fault(8, "w1", "recover")}));
        const auto r = run(d, 12);
        const double held = at(r, "q.depth", 5.9);
        qInfo("queue held %.0f messages when it failed; lost %llu", held,
              static_cast<unsigned long long>(r.counter("lost_messages")));
        QVERIFY(held > 150);
        if (replicated) {
            QCOMPARE(r.counter("lost_messages"), std::uint64_t{0});
            QVERIFY(r.metric("w1", "jobs_done") > 0.95 * r.metric("q", "published"));
        } else {
            // Plus the 50/s published in the last 0.1 s before the failure.
            QVERIFY(std::abs(static_cast<double>(r.counter("lost_messages")) - held - 5) <= 10);
            QCOMPARE(r.metric("q", "lost_messages"),
                     static_cast<double>(r.counter("lost_messages")));
        }
    }
};

QTEST_GUILESS_MAIN(DataQueueTest)
#include "test_data_queue.moc"
