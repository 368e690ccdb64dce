// The design review on the scaling path's templates, and the Mermaid and draw.io exports.
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "interchange/DrawioExport.h"
#include "interchange/MermaidExport.h"
#include "review/DesignReview.h"
#include "review/OfferedLoad.h"
#include "review/ScalingPath.h"
#include "review/SinglePointAnalysis.h"
#include "tests/common/TemplateLoading.h"

#include <QXmlStreamReader>
#include <QtTest>
#include <set>

using namespace sb;
using namespace sb::test;

namespace {

std::set<std::string> singlePoints(const design::Design& d) {
    std::set<std::string> out;
    for (const auto& p : review::SinglePointAnalysis(d, registry()).singlePoints())
        out.insert(p.node);
    return out;
}

QString joined(const std::set<std::string>& ids) {
    QStringList out;
    for (const auto& id : ids)
        out << QString::fromStdString(id);
    return out.join(QLatin1Char(','));
}

design::Design retryStorm() {
    auto loaded = design::readDesign(review::ScalingPath::find("retry-storm")->json, registry());
    if (!loaded.ok())
        qFatal("retry-storm does not load");
    return *loaded.design;
}

std::set<std::string> policyFindings(const design::Design& d,
                                     const design::DescriptorCatalog& catalog) {
    std::set<std::string> out;
    for (const auto& f : review::reviewDesign(d, catalog))
        if (f.fixTemplate == "retry-storm")
            out.insert(f.check + "@" + f.node);
    return out;
}

} // namespace

class ReviewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void singlePointsOfFailure_data() {
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1 single server") << 1 << "web1";
        QTest::newRow("2 separate database") << 2 << "db,web1";
        QTest::newRow("3 load balancer") << 3 << "db,lb";
        QTest::newRow("4 replication") << 4 << "lb";
        QTest::newRow("10 one data centre") << 10 << "lb,router,sessions";
        QTest::newRow("11 two data centres") << 11 << "";
    }
    void singlePointsOfFailure() {
        QFETCH(int, step);
        QFETCH(QString, expected);
        QCOMPARE(joined(singlePoints(::step(step))), expected);
    }

    void stepElevenHasNoFindings() {
        const auto findings = review::reviewDesign(step(11), registry());
        QVERIFY2(findings.empty(), review::formatFindings(findings).c_str());
    }

    void singlePointFindingsNameTheNodeAndTheFix() {
        const auto findings = review::reviewDesign(step(2), registry());
        int critical = 0;
        for (const auto& f : findings) {
            if (f.check != "single_point_of_failure")
                continue;
            ++critical;
            QVERIFY(f.severity == review::Severity::Critical);
            QVERIFY(f.message.find("'" + f.node + "'") != std::string::npos);
            QCOMPARE(f.fixStep, f.node == "web1" ? 3 : 4);
            QCOMPARE(f.fixTemplate, review::ScalingPath::step(f.fixStep)->name);
        }
        QCOMPARE(critical, 2);
    }

    // Where the next step's lesson applies to a design's own traffic, the review points
    // to it.
    void reviewPointsToTheNextStep_data() {
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("check");
        QTest::newRow("1 -> 2") << 1 << "embedded_database";
        QTest::newRow("2 -> 3") << 2 << "single_point_of_failure";
        QTest::newRow("3 -> 4") << 3 << "single_point_of_failure";
        QTest::newRow("4 -> 5") << 4 << "no_cache";
        QTest::newRow("5 -> 6") << 5 << "static_without_cdn";
        QTest::newRow("6 -> 7") << 6 << "stateful_web_tier";
        QTest::newRow("9 -> 10") << 9 << "no_monitoring";
        QTest::newRow("10 -> 11") << 10 << "single_data_centre";
    }
    void reviewPointsToTheNextStep() {
        QFETCH(int, step);
        QFETCH(QString, check);
        const auto findings = review::reviewDesign(::step(step), registry());
        bool found = false;
        for (const auto& f : findings)
            found = found || (f.fixStep == step + 1 && f.check == check.toStdString());
        QVERIFY2(found, review::formatFindings(findings).c_str());
    }

    void writeLoadBeyondOnePrimaryAsksForShards() {
        // Step 9's traffic on step 8's single primary: about 1,600 writes/s from users and
        // 400 jobs/s that write, against 8 connections x 1000 / 8 ms = 1,000 writes/s.
        design::Design d = step(8);
        const design::Design nine = step(9);
        d.node(design::NodeId{"users"})->props = nine.node(design::NodeId{"users"})->props;
        const auto load = review::offeredLoad(d, registry());
        QCOMPARE(qRound(load.base.total()), 8000);
        QCOMPARE(qRound(load.base.write), 1600);
        const auto findings = review::reviewDesign(d, registry());
        const auto it = std::find_if(findings.begin(), findings.end(), [](const auto& f) {
            return f.check == "write_load_exceeds_primary";
        });
        QVERIFY(it != findings.end());
        QCOMPARE(it->node, std::string("db"));
        QVERIFY(it->severity == review::Severity::Critical);
        QCOMPARE(it->fixStep, 9);
        QVERIFY(it->message.find("2,000 writes per second") != std::string::npos);
        QVERIFY(it->message.find("about 1,000") != std::string::npos);
        // Step 8's own traffic (600 writes/s) stays under 80% of it.
        for (const auto& f : review::reviewDesign(step(8), registry()))
            QVERIFY(f.check != "write_load_exceeds_primary");
    }

    void retriesWithoutBudgetOrJitterAreFound() {
        design::Design d = retryStorm();
        QCOMPARE(policyFindings(d, registry()),
                 std::set<std::string>{"retries_without_budget@users"});
        auto& policy = d.node(design::NodeId{"users"})->props["call_policy"];
        policy["jitter"] = "none";
        QCOMPARE(policyFindings(d, registry()),
                 (std::set<std::string>{"retries_without_budget@users",
                                        "retries_without_jitter@users"}));
        policy["jitter"] = "equal";
        policy["retry_budget"] = true;
        QVERIFY(policyFindings(d, registry()).empty());
        // A finding points to the template that shows the storm.
        policy["retry_budget"] = false;
        const auto findings = review::reviewDesign(d, registry());
        QVERIFY(std::any_of(findings.begin(), findings.end(), [](const auto& f) {
            return f.check == "retries_without_budget" && f.fixTemplate == "retry-storm" &&
                   f.severity == review::Severity::Warning;
        }));
    }

    void callWithoutBreakerToADependencyThatCanFail() {
        design::Design d = retryStorm();
        d.node(design::NodeId{"users"})->props["call_policy"]["retry_budget"] = true;
        QVERIFY(policyFindings(d, registry()).empty()); // nothing makes the web tier fail
        d.faults.push_back({40, "web", "fail", nlohmann::json::object()});
        QCOMPARE(policyFindings(d, registry()),
                 std::set<std::string>{"call_without_breaker@users"});
        d.node(design::NodeId{"users"})->props["call_policy"]["breaker"] = true;
        QVERIFY(policyFindings(d, registry()).empty());
        // Chaos mode may fail it too.
        d.faults.clear();
        d.node(design::NodeId{"users"})->props["call_policy"]["breaker"] = false;
        d.chaos.enabled = true;
        QCOMPARE(policyFindings(d, registry()),
                 std::set<std::string>{"call_without_breaker@users"});
    }

    void timeoutLongerThanTheCallersIsFound() {
        const auto& catalog = registry();
        design::Design d = retryStorm();
        d.node(design::NodeId{"users"})->props["call_policy"]["retry_budget"] = true;
        d.node(design::NodeId{"web"})->props["call_policy"] = {{"timeout_ms", 5000}};
        QCOMPARE(policyFindings(d, catalog),
                 std::set<std::string>{"timeout_longer_than_caller@web"});
        const auto findings = review::reviewDesign(d, catalog);
        const auto it = std::find_if(findings.begin(), findings.end(), [](const auto& f) {
            return f.check == "timeout_longer_than_caller";
        });
        QVERIFY(it->message.find("5,000 ms") != std::string::npos);
        QVERIFY(it->message.find("(1,000 ms)") != std::string::npos);
        d.node(design::NodeId{"web"})->props["call_policy"] = {{"timeout_ms", 500}};
        QVERIFY(policyFindings(d, catalog).empty());
    }

    void linkPoliciesAreReviewedToo() {
        design::Design d = retryStorm();
        d.node(design::NodeId{"users"})->props["call_policy"]["retry_budget"] = true;
        d.nodes.push_back({design::NodeId{"db"}, "db_primary", "", "", 400, 0, {}});
        d.links.push_back({design::NodeId{"web"}, design::NodeId{"db"}, nlohmann::json::object()});
        QVERIFY(policyFindings(d, registry()).empty());
        const auto link = [&](const char* from, const char* to) -> nlohmann::json& {
            for (auto& l : d.links)
                if (l.from.value == from && l.to.value == to)
                    return l.props;
            qFatal("no link %s->%s", from, to);
        };
        // Retries over one link without the node's budget.
        link("users", "web")["call_policy"] = {{"retry_budget", false}, {"jitter", "none"}};
        QCOMPARE(policyFindings(d, registry()),
                 (std::set<std::string>{"retries_without_budget@users",
                                        "retries_without_jitter@users"}));
        const auto findings = review::reviewDesign(d, registry());
        QVERIFY(std::any_of(findings.begin(), findings.end(), [](const auto& f) {
            return f.check == "retries_without_budget" &&
                   f.message.find("calls over users->web") != std::string::npos;
        }));
        // A web server's link that waits longer than its caller's link waits for it.
        link("users", "web")["call_policy"] = {{"timeout_ms", 800}};
        link("web", "db")["call_policy"] = {{"timeout_ms", 900}};
        QCOMPARE(policyFindings(d, registry()),
                 std::set<std::string>{"timeout_longer_than_caller@web"});
        link("web", "db")["call_policy"] = {{"timeout_ms", 500}};
        QVERIFY(policyFindings(d, registry()).empty());
        // The node's breaker, turned off on the link to a web server that can fail.
        d.faults.push_back({40, "web", "fail", nlohmann::json::object()});
        d.node(design::NodeId{"users"})->props["call_policy"]["breaker"] = true;
        QVERIFY(policyFindings(d, registry()).empty());
        link("users", "web")["call_policy"]["breaker"] = false;
        QCOMPARE(policyFindings(d, registry()),
                 std::set<std::string>{"call_without_breaker@users"});
    }

    void servicesAreNotReviewedAsWebServers() {
        // The microservices template: services are servers without a web server's
        // sessions, inline database or inline async work, so none of those findings (the
        // review used to throw reading their missing 'stateless'); the gateway alone in
        // front of them is a single point, named with its capitals, and so are what the
        // services behind it all need.
        auto loaded =
            design::readDesign(review::ScalingPath::find("microservices")->json, registry());
        QVERIFY(loaded.ok());
        std::set<std::string> checks;
        bool gatewayNamed = false;
        for (const auto& f : review::reviewDesign(*loaded.design, registry())) {
            checks.insert(f.check);
            if (f.check == "single_point_of_failure" && f.node == "gateway")
                gatewayNamed = f.fix.find("a second API gateway") != std::string::npos;
        }
        QVERIFY(!checks.count("embedded_database"));
        QVERIFY(!checks.count("stateful_web_tier"));
        QVERIFY(!checks.count("async_work_inline"));
        QVERIFY(gatewayNamed);
        // A service needs every service it calls, in sequence or in parallel: both the
        // catalog and orders need pricing and inventory, and those the one database.
        QCOMPARE(joined(singlePoints(*loaded.design)),
                 QStringLiteral("db,gateway,inventory,pricing"));
    }

    void manualFailoverLeavesThePrimaryASinglePoint() {
        design::Design d = step(4);
        QVERIFY(!singlePoints(d).count("db"));
        d.node(design::NodeId{"db"})->props["failover"] = "manual";
        QVERIFY(singlePoints(d).count("db"));
        // Without replicas the web tier has nothing to read from either.
        d = step(4);
        std::erase_if(d.links,
                      [](const design::Link& l) { return l.to.value.starts_with("replica"); });
        std::erase_if(d.nodes, [](const design::Node& n) { return n.kind == "db_replica"; });
        QVERIFY(singlePoints(d).count("db"));
    }

    void mermaidHasEveryNodeLinkAndDataCentre() {
        const design::Design d = step(11);
        const std::string text = interchange::toMermaid(d, registry());
        QVERIFY(text.starts_with("flowchart LR\n"));
        QCOMPARE(QString::fromStdString(text).count(QStringLiteral("subgraph ")), 2);
        QVERIFY(text.find("[\"US East (us-east)\"]") != std::string::npos);
        for (const auto& n : d.nodes)
            QVERIFY2(text.find("\"" + n.label + "\n") == std::string::npos &&
                         text.find("\"" + n.label + "<br/>") != std::string::npos,
                     n.label.c_str());
        const auto arrows = QString::fromStdString(text).count(QStringLiteral("-->")) +
                            QString::fromStdString(text).count(QStringLiteral("-.->"));
        QCOMPARE(arrows, qsizetype(d.links.size()));
        // Ids with '-' become Mermaid-safe ones.
        QVERIFY(text.find("e_lb --> e_web1") != std::string::npos);
        QVERIFY(text.find("e_shard1 -.-> w_shard1") != std::string::npos);
    }

    void drawioIsAGraphModelWithVerticesAndEdges() {
        const design::Design d = step(11);
        const QString xml = QString::fromStdString(interchange::toDrawio(d, registry()));
        QXmlStreamReader reader(xml);
        int vertices = 0, edges = 0, containers = 0;
        bool model = false;
        std::set<QString> ids;
        while (!reader.atEnd()) {
            if (reader.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (reader.name() == QLatin1String("mxGraphModel"))
                model = true;
            if (reader.name() != QLatin1String("mxCell"))
                continue;
            const auto a = reader.attributes();
            ids.insert(a.value(QLatin1String("id")).toString());
            if (a.value(QLatin1String("vertex")) == QLatin1String("1")) {
                ++vertices;
                containers += a.value(QLatin1String("style")).startsWith(QLatin1String("swimlane"));
            }
            if (a.value(QLatin1String("edge")) == QLatin1String("1")) {
                ++edges;
                QVERIFY(ids.count(a.value(QLatin1String("source")).toString()));
                QVERIFY(ids.count(a.value(QLatin1String("target")).toString()));
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QVERIFY(model);
        QCOMPARE(containers, 2);
        QCOMPARE(vertices, int(d.nodes.size() + d.datacentres.size()));
        QCOMPARE(edges, int(d.links.size()));
    }
};

QTEST_GUILESS_MAIN(ReviewTest)
#include "ReviewTest.moc"
