// monitor: alert rules are checked at load (the problem names the node and the property),
// a p99 alert fires during an overload and clears after it, host metrics agree with the
// offered load (utilisation = lambda / (c mu)), disk I/O counts database operations, and the
// error log counts failures by node and reason.
#include "DesignRun.h"

#include "components/monitor/AlertRule.h"

#include <QtTest>
#include <algorithm>

using namespace datatest;
using sb::comp::AlertRule;

namespace {

json mix(double read, double write) {
    return {{"read", read}, {"write", write}, {"static", 0}, {"async", 0}, {"join", 0}};
}

} // namespace

class DataMonitorTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesRules() {
        std::string error;
        const auto rules = AlertRule::parseAll(
            "p99_ms > 500 for 5s; error_rate >= 0.05 for 500ms\nq.depth < 3", error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(rules.size(), std::size_t{3});
        QCOMPARE(rules[0].metric, std::string("p99_ms"));
        QCOMPARE(rules[0].threshold, 500.0);
        QCOMPARE(rules[0].windowSeconds, 5.0);
        QCOMPARE(rules[1].windowSeconds, 0.5);
        QVERIFY(rules[1].holds(0.05));
        QVERIFY(!rules[0].holds(500));
        QCOMPARE(rules[2].windowSeconds, 0.0);
    }

    void badRuleIsRejectedAtLoad_data() {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("complaint");
        QTest::newRow("comparison") << "p99_ms >> 5 for 2s"
                                    << "comparison";
        QTest::newRow("threshold") << "p99_ms > fast for 2s"
                                   << "not a number";
        QTest::newRow("window") << "p99_ms > 5 during 2s"
                                << "window";
        QTest::newRow("shape") << "p99_ms > 5; error_rate"
                               << "rule 2";
    }
    void badRuleIsRejectedAtLoad() {
        QFETCH(QString, rules);
        QFETCH(QString, complaint);
        const json d = design(
            json::array({node("mon", "monitor", {{"rules", rules.toStdString()}})}), json::array());
        const auto loaded = sb::design::readDesignJson(d, sb::comp::ComponentRegistry::builtin());
        QVERIFY(!loaded.ok());
        bool found = false;
        for (const auto& p : loaded.problems)
            if (p.node == "mon" && p.property == "rules" &&
                p.message.find(complaint.toStdString()) != std::string::npos)
                found = true;
        QVERIFY2(found, sb::design::formatProblems(loaded.problems).c_str());
    }

    void alertFiresDuringOverloadAndClears() {
        // 100 req/s on 4 workers x 10 ms (capacity 400/s); a 5x spike from 10 s to 20 s
        // overloads the server: its queue (100) fills and p99 passes 150 ms.
        json d =
            design(json::array({node("users", "clients",
                                     {{"rate_rps", 100},
                                      {"pattern", "spike"},
                                      {"pattern_peak", 5},
                                      {"spike_at_s", 10},
                                      {"spike_s", 10},
                                      {"mix", mix(0.9, 0.1)}}),
                                node("web1", "web_server",
                                     {{"workers", 4}, {"service_ms", 10}, {"queue_limit", 100}}),
                                node("db1", "db_primary"),
                                node("mon", "monitor",
                                     {{"rules", "p99_ms > 150 for 2s; web1.cpu > 0.9 for 3s"}})}),
                   json::array({edge("users", "web1"), edge("web1", "db1")}));
        const auto r = run(d, 30);
        const auto fired = events(r, "alert_fired");
        const auto cleared = events(r, "alert_cleared");
        for (const auto& e : fired)
            qInfo("fired at %.1f s on %s: %s", sb::emu::toSeconds(e.time), e.node.c_str(),
                  e.detail.c_str());
        for (const auto& e : cleared)
            qInfo("cleared at %.1f s on %s: %s", sb::emu::toSeconds(e.time), e.node.c_str(),
                  e.detail.c_str());
        QCOMPARE(fired.size(), std::size_t{2});
        QCOMPARE(cleared.size(), std::size_t{2});
        for (const auto& e : fired) {
            QVERIFY(sb::emu::toSeconds(e.time) > 10 && sb::emu::toSeconds(e.time) < 15);
            QVERIFY(e.detail.find("metric=") != std::string::npos);
        }
        for (const auto& e : cleared)
            QVERIFY(sb::emu::toSeconds(e.time) > 20 && sb::emu::toSeconds(e.time) < 25);
        QCOMPARE(fired[0].node, std::string("mon"));  // p99 is a system metric
        QCOMPARE(fired[1].node, std::string("web1")); // cpu belongs to the web server
        QCOMPARE(r.metric("mon", "alerts_firing"), 0.0);

        // Host metrics: before the spike the server is 100/400 = 25 % busy, in it saturated.
        const double calm = at(r, "mon.web1.cpu", 9), busy = at(r, "mon.web1.cpu", 18);
        qInfo("web1 cpu %.3f before the spike (theory 0.25), %.3f during; memory %.0f during; "
              "db1 disk %.0f ops/s",
              calm, busy, at(r, "mon.web1.memory", 18), at(r, "mon.db1.disk_ops", 9));
        QVERIFY(std::abs(calm - 0.25) < 0.06);
        QVERIFY(busy > 0.97);
        QVERIFY(at(r, "mon.web1.memory", 18) > 50);                 // the queue holds requests
        QVERIFY(std::abs(at(r, "mon.db1.disk_ops", 9) - 100) < 35); // every request hits db1
        QCOMPARE(at(r, "mon.tier.web_server.cpu", 18), at(r, "mon.web1.cpu", 18));
        QVERIFY(std::abs(at(r, "mon.orders_rps", 9) - 10) < 10);

        // The error log: the overload's 503s, counted where they happened.
        const auto errors = events(r, "errors");
        QVERIFY(!errors.empty());
        std::uint64_t overloaded = 0;
        for (const auto& e : errors) {
            QCOMPARE(e.node, std::string("web1"));
            QVERIFY(e.detail.find("overloaded=") != std::string::npos);
            QVERIFY(e.detail.find("; e.g. ") != std::string::npos); // a sampled failed request
            overloaded += std::stoull(e.detail.substr(e.detail.find("overloaded=") + 11));
        }
        QCOMPARE(overloaded,
                 r.node("web1")->failures[static_cast<int>(sb::emu::FailReason::Overloaded)]);
        QCOMPARE(r.metric("mon", "errors_logged"), static_cast<double>(overloaded));
        const auto& examples = r.node("web1")->failureExamples;
        QCOMPARE(examples.size(), sb::emu::NodeCounters::kExamples);
        for (const auto& e : examples)
            QVERIFY(e.reason == sb::emu::FailReason::Overloaded);
        QVERIFY(std::is_sorted(examples.begin(), examples.end(),
                               [](const auto& a, const auto& b) { return a.time < b.time; }));
        const auto json = sb::emu::toJson(r);
        QCOMPARE(json["nodes"]["web1"]["failure_examples"].size(), examples.size());
    }

    void unknownMetricIsReportedNotFatal() {
        json d = design(
            json::array({node("users", "clients", {{"rate_rps", 10}}), node("web1", "web_server"),
                         node("mon", "monitor", {{"rules", "nosuch.metric > 1 for 1s"}})}),
            json::array({edge("users", "web1")}));
        const auto r = run(d, 3);
        QCOMPARE(r.countEvents("alert_rule_ignored"), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(DataMonitorTest)
#include "test_data_monitor.moc"
