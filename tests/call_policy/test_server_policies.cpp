// Call policies beyond the clients: a web server's calls downstream under its own
// call_policy, and a link's call_policy standing for its sender's on that link. Checked
// against what must happen: a timeout shorter than the database's service time answers no
// call, yet the database completes every attempt; retries on one link count attempts there
// only; a web server's breaker opens within its window when its database fails and closes
// once it is back; a link policy round-trips through the design file and is validated.
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace sb;
using nlohmann::json;

namespace {

/// Users reading through one web server from one database (a cache beside it when
/// `withCache`), for 40 s.
json serverDesign(const json& webPolicy, const json& dbLink, bool withCache = false) {
    json d = {{"format", "scaleboard-design"},
              {"version", 1},
              {"name", "web server calls"},
              {"run", {{"duration_s", 40}, {"warmup_s", 0}, {"seed", std::uint64_t{3}}}}};
    json web = {{"workers", 64},
                {"service_ms", 1},
                {"service_dist", "constant"},
                {"queue_limit", 10000},
                {"embedded_db_ms", 0}};
    if (!webPolicy.empty())
        web["call_policy"] = webPolicy;
    d["nodes"] = json::array(
        {{{"id", "users"},
          {"kind", "clients"},
          {"props",
           {{"rate_rps", 40},
            {"timeout_ms", 600000},
            {"mix", {{"read", 1}, {"write", 0}, {"static", 0}, {"async", 0}, {"join", 0}}}}}},
         {{"id", "web"}, {"kind", "web_server"}, {"props", web}},
         {{"id", "db"},
          {"kind", "db_primary"},
          {"props", {{"workers", 1}, {"read_ms", 20}, {"service_dist", "constant"}}}}});
    d["links"] = json::array({{{"from", "users"}, {"to", "web"}, {"props", json::object()}},
                              {{"from", "web"}, {"to", "db"}, {"props", dbLink}}});
    if (withCache) {
        d["nodes"].push_back({{"id", "cache"}, {"kind", "cache"}, {"props", json::object()}});
        d["links"].push_back({{"from", "web"}, {"to", "cache"}, {"props", json::object()}});
    }
    return d;
}

design::Design load(const json& j) {
    auto loaded = design::readDesignJson(j, comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("design: %s", design::formatProblems(loaded.problems).c_str());
    return *loaded.design;
}

emu::RunResult run(const design::Design& d) {
    return comp::runDesign(d, comp::runSettingsFor(d));
}

std::uint64_t arrivals(const emu::RunResult& r, const char* id) {
    return r.node(id)->arrivals;
}

} // namespace

class ServerPoliciesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void withoutAPolicyAServerReportsNoCalls() {
        const emu::RunResult r = run(load(serverDesign(json::object(), json::object())));
        QCOMPARE(r.metric("web", "call_attempts", -1), -1.0);
        QCOMPARE(r.metric("web", "breaker_open", -1), -1.0);
        // 40 reads a second against a database serving 50: all answered.
        QCOMPARE(r.failed, std::uint64_t{0});
        QCOMPARE(arrivals(r, "db"), arrivals(r, "web"));
    }

    void abandonedCallsStillOccupyTheDatabase() {
        // 10 ms per attempt against a database that takes 20 ms per read: every attempt is
        // abandoned, none answered, and the database still serves each of them.
        const emu::RunResult r = run(load(serverDesign({{"timeout_ms", 10}}, json::object())));
        const double attempts = r.metric("web", "call_attempts");
        const double completed = static_cast<double>(r.node("db")->completed);
        qInfo("web: %.0f attempts, %.0f timed out, %.0f answered; db completed %.0f",
              attempts, r.metric("web", "attempts_timed_out"), r.metric("web", "ok_first_try"),
              completed);
        QVERIFY(attempts > 1400); // 40 a second for 40 s, Poisson
        QCOMPARE(r.metric("web", "ok_first_try"), 0.0);
        QCOMPARE(r.metric("web", "attempts_timed_out"), attempts);
        QCOMPARE(r.ok, std::uint64_t{0});
        // Completions beyond the answered calls (none): the work went on downstream, all but
        // the last few still in the database at the end.
        QVERIFY(completed > 0.99 * attempts);
        QVERIFY(completed > static_cast<double>(r.ok) + 1000);
        // The users see the server's timeouts.
        QCOMPARE(r.failed, r.total);
    }

    void aLinkPolicyCountsAttemptsOnItsLinkOnly_data() {
        QTest::addColumn<QString>("webPolicy");
        QTest::addColumn<QString>("dbLink");
        QTest::addColumn<QString>("cacheLink");
        const QString retries = QStringLiteral(R"({"max_attempts": 3, "backoff_base_ms": 10})");
        QTest::newRow("retries on the database link, none on the node")
            << QStringLiteral("{}") << QStringLiteral(R"({"call_policy": %1})").arg(retries)
            << QStringLiteral("{}");
        QTest::newRow("the node's retries, turned off on the cache link")
            << retries << QStringLiteral("{}")
            << QStringLiteral(R"({"call_policy": {"max_attempts": 1}})");
    }
    void aLinkPolicyCountsAttemptsOnItsLinkOnly() {
        QFETCH(QString, webPolicy);
        QFETCH(QString, dbLink);
        QFETCH(QString, cacheLink);
        json d = serverDesign(json::parse(webPolicy.toStdString()),
                              json::parse(dbLink.toStdString()), true);
        d["links"][2]["props"] = json::parse(cacheLink.toStdString());
        d["faults"] = json::array(
            {{{"at_s", 10}, {"target", "db"}, {"action", "fail"}, {"duration_s", 10}}});
        const emu::RunResult r = run(load(d));
        const double attempts = r.metric("web", "call_attempts");
        qInfo("web: %.0f attempts, %.0f retries; db arrivals %llu, cache arrivals %llu", attempts,
              r.metric("web", "call_retries"),
              static_cast<unsigned long long>(arrivals(r, "db")),
              static_cast<unsigned long long>(arrivals(r, "cache")));
        // Every attempt the policy counted went to the database, and every request the
        // database saw was one of them; the cache's lookups went out directly.
        QCOMPARE(attempts, static_cast<double>(arrivals(r, "db")));
        QVERIFY(arrivals(r, "cache") > 1000);
        // The database was down for 10 s of 40: its reads were retried, two retries each.
        QVERIFY(r.metric("web", "call_retries") > 300);
        QVERIFY(r.metric("web", "amplification") > 1.2);
        QCOMPARE(r.metric("users", "call_attempts", -1), -1.0);
    }

    void aServersBreakerOpensWhenItsDatabaseFailsAndClosesAfterRecovery() {
        json d = serverDesign({{"timeout_ms", 1000},
                               {"breaker", true},
                               {"breaker_window_s", 2},
                               {"breaker_min_calls", 20},
                               {"breaker_open_s", 2},
                               {"breaker_probes", 3}},
                              json::object());
        d["faults"] = json::array(
            {{{"at_s", 10}, {"target", "db"}, {"action", "fail"}, {"duration_s", 10}}});
        const emu::RunResult r = run(load(d));
        const emu::SeriesTable& s = r.series;
        const int gauge = s.column("web.breaker_open");
        QVERIFY(gauge >= 0);
        const auto& time = s.time();
        const auto& open = s.values(static_cast<std::size_t>(gauge));
        double firstOpen = -1, lastNotClosed = -1;
        for (std::size_t i = 0; i < time.size(); ++i) {
            if (open[i] == 1 && firstOpen < 0)
                firstOpen = time[i];
            if (open[i] > 0)
                lastNotClosed = time[i];
        }
        qInfo("web's breaker: open first at %.1f s, last not closed at %.1f s, %.0f changes",
              firstOpen, lastNotClosed, r.metric("web", "breaker_changes"));
        // Closed while the database serves; open within its 2 s window of the failure.
        QVERIFY(firstOpen > 10 && firstOpen <= 12 + 1e-9);
        // Back to closed once the database is: its first probes after 20 s succeed.
        QVERIFY(lastNotClosed >= 20 && lastNotClosed <= 23 + 1e-9);
        QCOMPARE(r.metric("web", "breaker_open"), 0.0);
        QVERIFY(r.metric("web", "short_circuited") > 100);
        QVERIFY(r.metric("web", "breaker_changes") >= 3);
        const auto reason = std::find(r.failReasons.begin(), r.failReasons.end(), "circuit_open");
        QVERIFY(reason != r.failReasons.end());
        QVERIFY(r.failedByReason[static_cast<std::size_t>(reason - r.failReasons.begin())] > 0);
    }

    void aLinkPolicyRoundTripsThroughTheDesignFile() {
        const json policy = {{"timeout_ms", 250}, {"max_attempts", 2}, {"jitter", "equal"}};
        const design::Design d = load(serverDesign(json::object(), {{"call_policy", policy}}));
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("design.json")).toStdString();
        QCOMPARE(design::writeDesignFile(d, path), std::string());
        const design::LoadResult back =
            design::readDesignFile(path, comp::ComponentRegistry::builtin());
        QVERIFY2(back.ok(), design::formatProblems(back.problems).c_str());
        QVERIFY(*back.design == d);
        const design::Link* link = back.design->link({design::NodeId{"web"}, design::NodeId{"db"}});
        QVERIFY(link);
        QCOMPARE(link->props.at("call_policy"), policy);
    }

    void aBadLinkPolicyIsRefusedByName_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("props");
        QTest::addColumn<QString>("message");
        QTest::newRow("no attempt")
            << "web" << R"({"call_policy": {"max_attempts": 0}})"
            << "link web->db: call_policy.max_attempts must be an integer from 1 to 20, got 0";
        QTest::newRow("unknown jitter")
            << "web" << R"({"call_policy": {"jitter": "sometimes"}})"
            << "link web->db: call_policy.jitter must be one of full, equal, none, got "
               "\"sometimes\"";
        QTest::newRow("unknown field")
            << "web" << R"({"call_policy": {"retries": 3}})"
            << "link web->db: call_policy has no field 'retries'";
        QTest::newRow("a kind that calls with no policy")
            << "db" << R"({"call_policy": {"max_attempts": 2}})"
            << "link db->replica has no property 'call_policy' (a link from a db_primary may "
               "carry: latency_ms, jitter_ms, loss)";
    }
    void aBadLinkPolicyIsRefusedByName() {
        QFETCH(QString, from);
        QFETCH(QString, props);
        QFETCH(QString, message);
        json d = serverDesign(json::object(), json::object());
        d["nodes"].push_back({{"id", "replica"}, {"kind", "db_replica"}});
        d["links"].push_back({{"from", "db"}, {"to", "replica"}, {"props", json::object()}});
        for (auto& l : d["links"])
            if (l["from"] == from.toStdString())
                l["props"] = json::parse(props.toStdString());
        const auto loaded = design::readDesignJson(d, comp::ComponentRegistry::builtin());
        QVERIFY(!loaded.ok());
        const std::string all = design::formatProblems(loaded.problems);
        QVERIFY2(all.find(message.toStdString()) != std::string::npos, all.c_str());
    }
};

QTEST_GUILESS_MAIN(ServerPoliciesTest)
#include "test_server_policies.moc"
