// The request-path kinds' descriptors: bad property values and links that make no sense
// are rejected when a design is read, with the node and the property named.
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"

#include <QTest>
#include <nlohmann/json.hpp>

using nlohmann::json;

namespace {

/// clients -> dns -> lb -> web, dns -> cdn -> store, web -> cache, sessions: every kind of
/// the request path once, with `props` set on node `target`.
std::string designWith(const std::string& target, const json& props,
                       const json& extraLinks = json::array()) {
    json nodes = json::array();
    for (const auto& [id, kind] :
         std::vector<std::pair<std::string, std::string>>{{"users", "clients"},
                                                          {"dns1", "dns"},
                                                          {"lb1", "load_balancer"},
                                                          {"web1", "web_server"},
                                                          {"cache1", "cache"},
                                                          {"sessions1", "session_store"},
                                                          {"cdn1", "cdn"},
                                                          {"store1", "object_store"}})
        nodes.push_back(
            {{"id", id}, {"kind", kind}, {"props", id == target ? props : json::object()}});
    json links = json::array();
    for (const auto& [from, to] :
         std::vector<std::pair<std::string, std::string>>{{"users", "dns1"},
                                                          {"dns1", "lb1"},
                                                          {"dns1", "cdn1"},
                                                          {"lb1", "web1"},
                                                          {"cdn1", "store1"},
                                                          {"web1", "cache1"},
                                                          {"web1", "sessions1"}})
        links.push_back({{"from", from}, {"to", to}});
    for (const auto& l : extraLinks)
        links.push_back(l);
    return json{{"format", "scaleboard-design"}, {"version", 1}, {"nodes", nodes}, {"links", links}}
        .dump();
}

} // namespace

class PropertiesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validValuesLoad_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("props");
        QTest::newRow("defaults") << "users"
                                  << "{}";
        QTest::newRow("dns") << "dns1"
                             << R"({"ttl_s": 300, "geo": false, "latency_ms": 5})";
        QTest::newRow("balancer") << "lb1"
                                  << R"({"algorithm": "least_connections", "health_check_s": 2,
                                        "unhealthy_threshold": 3})";
        QTest::newRow("session store") << "sessions1"
                                       << R"({"capacity": 5000, "latency_ms": 2})";
        QTest::newRow("cache") << "cache1"
                               << R"({"capacity": 100, "ttl_s": 5, "eviction": "lfu",
                                     "write_policy": "update", "latency_ms": 1})";
        QTest::newRow("cdn") << "cdn1"
                             << R"({"capacity": 10, "ttl_s": 60, "invalidation": "versioning",
                                   "purge_delay_s": 0, "fallback_to_origin": false})";
        QTest::newRow("object store") << "store1"
                                      << R"({"latency_ms": 50, "max_rps": 100})";
    }
    void validValuesLoad() {
        QFETCH(QString, node);
        QFETCH(QString, props);
        const auto result =
            sb::design::readDesign(designWith(node.toStdString(), json::parse(props.toStdString())),
                                   sb::comp::ComponentRegistry::builtin());
        QVERIFY2(result.ok(), sb::design::formatProblems(result.problems).c_str());
    }

    void badValuesAreRejectedNamingNodeAndProperty_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("props");
        QTest::addColumn<QString>("property");
        QTest::newRow("dns ttl below 0") << "dns1"
                                         << R"({"ttl_s": -1})"
                                         << "ttl_s";
        QTest::newRow("dns geo not a boolean") << "dns1"
                                               << R"({"geo": "yes"})"
                                               << "geo";
        QTest::newRow("dns latency as text") << "dns1"
                                             << R"({"latency_ms": "fast"})"
                                             << "latency_ms";
        QTest::newRow("unknown algorithm") << "lb1"
                                           << R"({"algorithm": "fastest"})"
                                           << "algorithm";
        QTest::newRow("zero threshold") << "lb1"
                                        << R"({"unhealthy_threshold": 0})"
                                        << "unhealthy_threshold";
        QTest::newRow("fractional threshold") << "lb1"
                                              << R"({"unhealthy_threshold": 1.5})"
                                              << "unhealthy_threshold";
        QTest::newRow("session store empty") << "sessions1"
                                             << R"({"capacity": 0})"
                                             << "capacity";
        QTest::newRow("unknown eviction") << "cache1"
                                          << R"({"eviction": "mru"})"
                                          << "eviction";
        QTest::newRow("unknown write policy") << "cache1"
                                              << R"({"write_policy": "write_back"})"
                                              << "write_policy";
        QTest::newRow("cache latency 0") << "cache1"
                                         << R"({"latency_ms": 0})"
                                         << "latency_ms";
        QTest::newRow("unknown cache property") << "cache1"
                                                << R"({"size_mb": 64})"
                                                << "size_mb";
        QTest::newRow("unknown invalidation") << "cdn1"
                                              << R"({"invalidation": "ban"})"
                                              << "invalidation";
        QTest::newRow("negative purge delay") << "cdn1"
                                              << R"({"purge_delay_s": -5})"
                                              << "purge_delay_s";
        QTest::newRow("fallback as number") << "cdn1"
                                            << R"({"fallback_to_origin": 1})"
                                            << "fallback_to_origin";
        QTest::newRow("object store max_rps 0") << "store1"
                                                << R"({"max_rps": 0})"
                                                << "max_rps";
    }
    void badValuesAreRejectedNamingNodeAndProperty() {
        QFETCH(QString, node);
        QFETCH(QString, props);
        QFETCH(QString, property);
        const auto result =
            sb::design::readDesign(designWith(node.toStdString(), json::parse(props.toStdString())),
                                   sb::comp::ComponentRegistry::builtin());
        QVERIFY(!result.ok());
        QCOMPARE(result.problems.size(), std::size_t{1});
        const auto& p = result.problems.front();
        qInfo("%s", p.message.c_str());
        QCOMPARE(QString::fromStdString(p.node), node);
        QCOMPARE(QString::fromStdString(p.property), property);
        QVERIFY(QString::fromStdString(p.message).contains(node));
        QVERIFY(QString::fromStdString(p.message).contains(property));
    }

    void linksFollowTheRequestPath_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("dns -> web server") << "dns1"
                                           << "web1" << true;
        QTest::newRow("users -> cdn") << "users"
                                      << "cdn1" << true;
        QTest::newRow("cdn -> load balancer") << "cdn1"
                                              << "lb1" << true;
        QTest::newRow("web -> object store") << "web1"
                                             << "store1" << true;
        QTest::newRow("cache -> load balancer") << "cache1"
                                                << "lb1" << false;
        QTest::newRow("dns -> cache") << "dns1"
                                      << "cache1" << false;
        QTest::newRow("load balancer -> cache") << "lb1"
                                                << "cache1" << false;
        QTest::newRow("object store -> web") << "store1"
                                             << "web1" << false;
        QTest::newRow("session store -> cache") << "sessions1"
                                                << "cache1" << false;
        QTest::newRow("cdn -> dns") << "cdn1"
                                    << "dns1" << false;
    }
    void linksFollowTheRequestPath() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        const json extra = json::array({{{"from", from.toStdString()}, {"to", to.toStdString()}}});
        const auto result = sb::design::readDesign(designWith("users", json::object(), extra),
                                                   sb::comp::ComponentRegistry::builtin());
        QCOMPARE(result.ok(), allowed);
        if (!allowed)
            qInfo("%s", result.problems.front().message.c_str());
    }
};

QTEST_GUILESS_MAIN(PropertiesTest)
#include "PropertiesTest.moc"
