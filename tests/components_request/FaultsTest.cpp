// Every fault action against the request-path kinds, whole data-centre failure and
// partition, and chaos mode over them.
#include "TestDesign.h"

#include "components/faults/CommandApplier.h"

#include <QTest>

using namespace sbtest;

namespace {

/// Two data centres; every request-path kind once, plus a database.
TestDesign everyKind() {
    TestDesign d;
    const json web{{"workers", 16}, {"service_ms", 5}, {"queue_limit", 1000}};
    d.dc("east", "us-east").dc("west", "us-west");
    d.node("users", "clients",
           {{"rate_rps", 300}, {"mix", {{"read", 0.7}, {"write", 0.1}, {"static", 0.2}}}})
        .node("dns", "dns", {{"ttl_s", 5}, {"health_check_s", 1}})
        .node("cdn", "cdn", {{"content_updates_per_s", 1}})
        .node("store", "object_store", json::object(), "east")
        .node("lb_east", "load_balancer", {{"health_check_s", 1}}, "east")
        .node("lb_west", "load_balancer", {{"health_check_s", 1}}, "west")
        .node("web_east", "web_server", web, "east")
        .node("web_west", "web_server", web, "west")
        .node("cache", "cache", json::object(), "east")
        .node("sessions", "session_store", json::object(), "east")
        .node("db", "db_primary", json::object(), "east")
        .link("users", "dns")
        .link("dns", "cdn")
        .link("dns", "lb_east")
        .link("dns", "lb_west")
        .link("cdn", "store")
        .link("lb_east", "web_east")
        .link("lb_west", "web_west");
    for (const char* web : {"web_east", "web_west"})
        d.link(web, "cache").link(web, "sessions").link(web, "db").link(web, "store");
    return d;
}

} // namespace

class FaultsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void actionsApplyToRequestPathKinds_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("problem"); // "" = applied
        for (const char* node : {"dns", "lb_east", "cdn", "store", "cache", "sessions"}) {
            QTest::addRow("fail %s", node) << node << "fail"
                                           << "{}"
                                           << "";
            QTest::addRow("slow %s", node) << node << "slow"
                                           << R"({"factor": 3})"
                                           << "";
        }
        QTest::newRow("set cache ttl") << "cache"
                                       << "set"
                                       << R"({"property": "ttl_s", "value": 2})"
                                       << "";
        QTest::newRow("set cache workers") << "cache"
                                           << "set"
                                           << R"({"property": "workers", "value": 4})"
                                           << "";
        QTest::newRow("set balancer checks") << "lb_east"
                                             << "set"
                                             << R"({"property": "health_check_s", "value": 3})"
                                             << "";
        QTest::newRow("set balancer threshold")
            << "lb_east"
            << "set"
            << R"({"property": "unhealthy_threshold", "value": 5})"
            << "";
        QTest::newRow("set dns ttl") << "dns"
                                     << "set"
                                     << R"({"property": "ttl_s", "value": 1})"
                                     << "";
        QTest::newRow("turn geo off") << "dns"
                                      << "set"
                                      << R"({"property": "geo", "value": 0})"
                                      << "";
        QTest::newRow("set purge delay") << "cdn"
                                         << "set"
                                         << R"({"property": "purge_delay_s", "value": 0})"
                                         << "";
        QTest::newRow("turn fallback off") << "cdn"
                                           << "set"
                                           << R"({"property": "fallback_to_origin", "value": 0})"
                                           << "";
        QTest::newRow("set store rate") << "store"
                                        << "set"
                                        << R"({"property": "max_rps", "value": 50})"
                                        << "";
        QTest::newRow("set session latency") << "sessions"
                                             << "set"
                                             << R"({"property": "latency_ms", "value": 5})"
                                             << "";
        QTest::newRow("eviction is not live") << "cache"
                                              << "set"
                                              << R"({"property": "eviction", "value": 1})"
                                              << "a cache does not take 'eviction'";
        QTest::newRow("a balancer has no shards") << "lb_east"
                                                  << "add_shard"
                                                  << "{}"
                                                  << "a load_balancer does not take 'add_shard'";
        QTest::newRow("a cdn cannot be promoted") << "cdn"
                                                  << "promote"
                                                  << "{}"
                                                  << "a cdn does not take 'promote'";
        QTest::newRow("drop on a link") << "lb_east->web_east"
                                        << "drop"
                                        << R"({"fraction": 0.25})"
                                        << "";
        QTest::newRow("cut a link") << "cdn->store"
                                    << "fail"
                                    << "{}"
                                    << "";
        QTest::newRow("fail a data centre") << "east"
                                            << "fail"
                                            << "{}"
                                            << "";
        QTest::newRow("partition") << "east"
                                   << "partition"
                                   << R"({"peer": "west"})"
                                   << "";
    }
    void actionsApplyToRequestPathKinds() {
        QFETCH(QString, target);
        QFETCH(QString, action);
        QFETCH(QString, params);
        QFETCH(QString, problem);
        auto d = everyKind();
        QVERIFY2(d.errors().empty(), d.errors().c_str());
        auto sim = sb::comp::buildSimulation(d.design(), sb::comp::ComponentRegistry::builtin(), 1);
        sim->start(100 * sb::emu::kMillisecond, 0);
        sb::design::Fault f;
        f.target = target.toStdString();
        f.action = action.toStdString();
        f.params = json::parse(params.toStdString());
        QCOMPARE(QString::fromStdString(
                     sb::comp::CommandApplier::of(*sim).apply(*sim, sb::comp::command::Fault{f})),
                 problem);
        if (!problem.isEmpty())
            return;
        sb::emu::Node* node = sim->findNode(f.target);
        if (node && action == "fail") {
            QVERIFY(!node->isUp());
            f.action = "recover";
            QCOMPARE(sb::comp::CommandApplier::of(*sim).apply(*sim, sb::comp::command::Fault{f}),
                     std::string());
            QVERIFY(node->isUp());
        } else if (node && action == "slow") {
            QCOMPARE(node->slowdown(), 3.0);
        } else if (action == "set") {
            QCOMPARE(sim->log().count("property_changed"), std::uint64_t{1});
        } else if (target == "east" && action == "fail") {
            for (const char* id : {"store", "lb_east", "web_east", "cache", "sessions", "db"})
                QVERIFY(!sim->findNode(id)->isUp());
            QVERIFY(sim->findNode("web_west")->isUp());
        } else if (action == "partition") {
            // Exactly the links joining the two data centres are cut.
            auto dcOf = [&](std::uint32_t n) { return d.design().node({sim->node(n).id()})->dc; };
            int cut = 0;
            for (const auto& l : sim->links()) {
                const bool crosses = (dcOf(l.from) == "east" && dcOf(l.to) == "west") ||
                                     (dcOf(l.from) == "west" && dcOf(l.to) == "east");
                QCOMPARE(l.cut, crosses);
                cut += l.cut ? 1 : 0;
            }
            QCOMPARE(cut, 4); // web_west to the cache, sessions, database and store
        }
        // The run goes on after the fault.
        sim->kernel().runUntil(5 * sb::emu::kSecond);
        QVERIFY(sim->metrics().issued() > 1000);
    }

    void scheduledFaultsPlayOutOnTheRequestPath() {
        auto d = everyKind();
        d.fault(5, "cache", "fail", {{"duration_s", 3}})
            .fault(6, "store", "slow", {{"factor", 4}, {"duration_s", 4}})
            .fault(8, "sessions", "fail", {{"duration_s", 1}})
            .fault(10, "lb_east->web_east", "drop", {{"fraction", 0.5}, {"duration_s", 2}})
            .fault(14, "cdn", "fail", {{"duration_s", 4}})
            .fault(20, "east", "fail", {{"duration_s", 5}})
            .fault(32, "dns", "set", {{"property", "ttl_s"}, {"value", 1}});
        const auto r = d.run(40);
        QCOMPARE(r.countEvents("fault_ignored"), std::size_t{0});
        qInfo("ok %llu, failed %llu; events: node_failed %zu, dc_failed %zu, cdn_fallback %zu, "
              "dns_failover %zu, dns_failback %zu, detected_down %zu",
              static_cast<unsigned long long>(r.ok), static_cast<unsigned long long>(r.failed),
              r.countEvents("node_failed"), r.countEvents("dc_failed"),
              r.countEvents("cdn_fallback"), r.countEvents("dns_failover"),
              r.countEvents("dns_failback"), r.countEvents("detected_down"));
        QCOMPARE(r.countEvents("dc_failed"), std::size_t{1});
        QCOMPARE(r.countEvents("cdn_fallback"), std::size_t{1});
        QVERIFY(r.countEvents("dns_failover") >= 2); // the cdn, then lb_east
        QVERIFY(r.countEvents("dns_failback") >= 2);
        QCOMPARE(r.countEvents("property_changed"), std::size_t{1});
        // After everything has recovered (the last record pointing east expired), all is well.
        // Once everything is back, the only errors left are users finding that the restarted
        // session store lost their session; they sign in again and the errors fade.
        const double early = seriesMean(r, "errors_rps", 25, 27);
        const double late = seriesMean(r, "errors_rps", 37, 40);
        qInfo("errors/s just after the data centre returns %.1f, 12 s later %.1f; session losses "
              "%llu of %llu failures",
              early, late, static_cast<unsigned long long>(r.failedBy("session_lost")),
              static_cast<unsigned long long>(r.failed));
        QVERIFY(late < early / 5);
        QVERIFY(seriesMean(r, "throughput_rps", 37, 40) > 280);
    }

    void partitionCutsCrossDataCentreTraffic() {
        // The west web server uses the east database, cache and store: a partition cuts it
        // off from them.
        auto d = everyKind();
        d.design().nodes.front().props["region"] = "us-west"; // users served from the west
        d.fault(10, "east", "partition", {{"peer", "west"}, {"duration_s", 5}});
        const auto r = d.run(25);
        const auto partitioned = r.failedByReason[static_cast<int>(sb::emu::FailReason::Partition)];
        qInfo("partition east|west for 5 s: %llu requests failed crossing it; errors/s before "
              "%.1f, during %.1f, after %.1f",
              static_cast<unsigned long long>(partitioned), seriesMean(r, "errors_rps", 0, 10),
              seriesMean(r, "errors_rps", 10, 15), seriesMean(r, "errors_rps", 16, 25));
        QCOMPARE(r.countEvents("partition"), std::size_t{1});
        QCOMPARE(r.countEvents("partition_healed"), std::size_t{1});
        QVERIFY(partitioned > 0);
        QCOMPARE(seriesMean(r, "errors_rps", 0, 10), 0.0);
        QCOMPARE(seriesMean(r, "errors_rps", 16, 25), 0.0);
    }

    void chaosModeFailsAndRecoversRequestPathNodes() {
        auto d = everyKind();
        auto& chaos = d.design().chaos;
        chaos.enabled = true;
        chaos.mtbfSeconds = 10;
        chaos.mttrSeconds = 2;
        chaos.seed = 7;
        chaos.kinds = {"dns", "load_balancer", "cache", "cdn", "object_store", "session_store"};
        const auto first = d.run(60), again = d.run(60);
        QCOMPARE(first.fingerprint, again.fingerprint);
        std::map<std::string, int> failures;
        for (const auto& e : first.events)
            if (e.kind == "chaos")
                ++failures[first.node(e.node)->kind];
        qInfo("chaos over 60 s: %zu failures, %zu recoveries; ok %llu, failed %llu",
              first.countEvents("node_failed"), first.countEvents("node_recovered"),
              static_cast<unsigned long long>(first.ok),
              static_cast<unsigned long long>(first.failed));
        for (const char* kind : {"dns", "load_balancer", "cache", "cdn", "object_store"})
            QVERIFY2(failures[kind] > 0, kind);
        QVERIFY(first.countEvents("node_recovered") + 7 >= first.countEvents("node_failed"));
    }
};

QTEST_GUILESS_MAIN(FaultsTest)
#include "FaultsTest.moc"
