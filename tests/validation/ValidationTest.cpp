#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"

#include <QTest>

using nlohmann::json;
using sb::comp::ComponentRegistry;

namespace {

/// A small valid design the rows below break one way each.
const char* const kBase = R"({
  "format": "scaleboard-design", "version": 1, "name": "Base",
  "datacenters": [{"id": "dc1", "region": "us-east", "label": "Virginia"}],
  "nodes": [
    {"id": "users", "kind": "clients", "label": "Users", "x": 0, "y": 0,
     "props": {"users": 500, "mix": {"read": 0.9, "write": 0.1, "static": 0.0}}},
    {"id": "web1", "kind": "web_server", "label": "Web", "dc": "dc1", "x": 200, "y": 0,
     "props": {"workers": 8}}
  ],
  "links": [{"from": "users", "to": "web1", "props": {"latency_ms": 1}}],
  "faults": [{"at_s": 10, "target": "web1", "action": "fail", "duration_s": 5}]
})";

json base() {
    return json::parse(kBase);
}

json& node(json& design, const std::string& id) {
    for (auto& n : design["nodes"])
        if (n["id"] == id)
            return n;
    qFatal("no node %s in the base design", id.c_str());
}

/// Adds a row: `edit` breaks a copy of the base design.
template <typename Edit>
void row(const char* name, Edit edit, const char* message, const char* nodeId = "",
         const char* property = "") {
    json design = base();
    edit(design);
    QTest::newRow(name) << QString::fromStdString(design.dump()) << QString(message)
                        << QString(nodeId) << QString(property);
}

void textRow(const char* name, const char* text, const char* message) {
    QTest::newRow(name) << QString(text) << QString(message) << QString() << QString();
}

} // namespace

class ValidationTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theBaseDesignIsValid() {
        auto loaded = sb::design::readDesign(kBase, ComponentRegistry::builtin());
        QVERIFY2(loaded.ok(), sb::design::formatProblems(loaded.problems).c_str());
        QVERIFY(!sb::design::hasErrors(loaded.problems));
    }

    void badDesignsAreRejectedWithAClearMessage_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("property");

        // The file itself
        textRow("not JSON", "{\"format\": \"scaleboard-design\", nodes: []}",
                "the file is not valid JSON");
        textRow("number out of range",
                "{\"format\": \"scaleboard-design\", \"version\": 1, \"nodes\": [{\"id\": "
                "\"a\", \"kind\": \"clients\", \"x\": 1e31404}]}",
                "the file is not valid JSON: [json.exception.out_of_range.406] number overflow");
        textRow("not an object", "[1, 2, 3]", "it must be a JSON object");
        row(
            "wrong format", [](json& d) { d["format"] = "drawio"; },
            "not a Scaleboard design: \"format\" must be \"scaleboard-design\"");
        row(
            "no version", [](json& d) { d.erase("version"); }, "needs \"version\": 1");
        row(
            "future version", [](json& d) { d["version"] = 7; },
            "this design was written by a newer Scaleboard (file version 7");
        row(
            "version zero", [](json& d) { d["version"] = 0; }, "\"version\" must be 1");
        row(
            "unknown top-level key", [](json& d) { d["colour"] = "blue"; },
            "the design has an unknown key 'colour'");

        // Nodes
        row(
            "unknown node key", [](json& d) { node(d, "web1")["colour"] = "red"; },
            "node 'web1' has an unknown key 'colour'", "web1");
        row(
            "node without kind", [](json& d) { node(d, "web1").erase("kind"); },
            "node 'web1' needs \"kind\"", "web1");
        row(
            "unknown kind", [](json& d) { node(d, "web1")["kind"] = "mainframe"; },
            "node 'web1' has unknown kind 'mainframe'", "web1");
        row(
            "duplicate id", [](json& d) { d["nodes"].push_back(node(d, "web1")); },
            "node id 'web1' is used twice", "web1");
        row(
            "id with a space",
            [](json& d) {
                d["nodes"].push_back({{"id", "web 2"}, {"kind", "web_server"}});
            },
            "node id 'web 2' must be 1-64 letters, digits");
        row(
            "node in a missing data centre", [](json& d) { node(d, "web1")["dc"] = "dc9"; },
            "node 'web1' is in data centre 'dc9', which does not exist", "web1", "dc");
        row(
            "position not a number", [](json& d) { node(d, "web1")["x"] = "left"; },
            "node 'web1': \"x\" must be a number, got \"left\"", "web1", "x");
        row(
            "props not an object", [](json& d) { node(d, "web1")["props"] = json::array(); },
            "node 'web1': \"props\" must be an object", "web1", "props");

        // Properties
        row(
            "wrong property type", [](json& d) { node(d, "web1")["props"]["workers"] = "eight"; },
            "node 'web1': workers must be an integer from 1 to", "web1", "workers");
        row(
            "fraction for an integer", [](json& d) { node(d, "web1")["props"]["workers"] = 2.5; },
            "workers must be an integer from 1 to", "web1", "workers");
        row(
            "out of range", [](json& d) { node(d, "web1")["props"]["workers"] = 0; },
            "node 'web1': workers must be an integer from 1 to", "web1", "workers");
        row(
            "unknown property", [](json& d) { node(d, "web1")["props"]["colour"] = "red"; },
            "node 'web1' (web_server) has no property 'colour'", "web1", "colour");
        row(
            "choice not offered",
            [](json& d) { node(d, "web1")["props"]["service_dist"] = "gaussian"; },
            "service_dist must be one of exponential, constant, lognormal, uniform, got "
            "\"gaussian\"",
            "web1", "service_dist");
        row(
            "boolean as text", [](json& d) { node(d, "web1")["props"]["stateless"] = "yes"; },
            "stateless must be true or false, got \"yes\"", "web1", "stateless");
        row(
            "mix not summing to 1",
            [](json& d) {
                node(d, "users")["props"]["mix"] = {{"read", 0.5}, {"write", 0.1}};
            },
            "mix fractions must add up to 1, they add up to 0.7", "users", "mix");
        row(
            "mix with an unknown class",
            [](json& d) { node(d, "users")["props"]["mix"]["video"] = 0.1; },
            "mix has no field 'video'", "users", "mix");
        row(
            "call policy with no attempt",
            [](json& d) { node(d, "users")["props"]["call_policy"]["max_attempts"] = 0; },
            "call_policy.max_attempts must be an integer from 1 to 20, got 0", "users",
            "call_policy");
        row(
            "call policy with an unknown jitter",
            [](json& d) { node(d, "users")["props"]["call_policy"]["jitter"] = "sometimes"; },
            "call_policy.jitter must be one of full, equal, none, got \"sometimes\"", "users",
            "call_policy");

        // Links
        row(
            "dangling link",
            [](json& d) {
                d["links"].push_back({{"from", "web1"}, {"to", "db9"}});
            },
            "link web1->db9 points to node 'db9', which does not exist");
        row(
            "disallowed link",
            [](json& d) {
                d["links"].push_back({{"from", "web1"}, {"to", "users"}});
            },
            "link web1->users: a web_server cannot send to a clients", "web1");
        row(
            "link to itself",
            [](json& d) {
                d["links"].push_back({{"from", "web1"}, {"to", "web1"}});
            },
            "link web1->web1 joins a node to itself", "web1");
        row(
            "link drawn twice", [](json& d) { d["links"].push_back(d["links"][0]); },
            "link users->web1 is drawn twice");
        row(
            "unknown link property", [](json& d) { d["links"][0]["props"]["bandwidth"] = 10; },
            "link users->web1 has no property 'bandwidth'", "", "bandwidth");
        row(
            "negative link latency", [](json& d) { d["links"][0]["props"]["latency_ms"] = -1; },
            "link users->web1: latency_ms must be a number from 0 to 10000, got -1", "",
            "latency_ms");

        // Traffic
        row(
            "missing clients",
            [](json& d) {
                d["nodes"].erase(0);
                d["links"] = json::array();
            },
            "the design has no clients node, so no traffic enters it");
        row(
            "clients linked to nothing", [](json& d) { d["links"] = json::array(); },
            "clients 'users' are linked to nothing", "users");

        // Faults
        row(
            "fault on an unknown target", [](json& d) { d["faults"][0]["target"] = "db9"; },
            "fault #1: target 'db9' is no node, data centre or link", "db9", "target");
        row(
            "fault with an unknown action", [](json& d) { d["faults"][0]["action"] = "explode"; },
            "fault #1: unknown action 'explode'", "web1", "action");
        row(
            "fault without a time", [](json& d) { d["faults"][0].erase("at_s"); },
            "fault #1 needs \"at_s\" (a number)");
        row(
            "fault in the past", [](json& d) { d["faults"][0]["at_s"] = -5; },
            "fault #1: at_s must be from 0 to 86400 seconds");
        row(
            "partition without a peer",
            [](json& d) {
                d["faults"].push_back({{"at_s", 1}, {"target", "dc1"}, {"action", "partition"}});
            },
            "fault #2: partition needs \"peer\": the id of another data centre");
        row(
            "fault fraction above 1",
            [](json& d) {
                d["faults"].push_back({{"at_s", 1},
                                       {"target", "users->web1"},
                                       {"action", "drop"},
                                       {"fraction", 1.5}});
            },
            "fault #2: fraction must be a number from 0 to 1, got 1.5");
        row(
            "unknown fault parameter", [](json& d) { d["faults"][0]["severity"] = "high"; },
            "fault #1 has an unknown key 'severity'");

        // Values that overflowed the engine's int64 nanoseconds or flooded its memory
        // (issue 20): each is now refused at load, naming the fault and the range.
        auto fault = [](json f) { return [f](json& d) { d["faults"].push_back(f); }; };
        row("fault beyond the longest run",
            fault({{"at_s", 1e10}, {"target", "web1"}, {"action", "fail"}}),
            "fault #2: at_s must be from 0 to 86400 seconds");
        row("slow link by 1e308 ms",
            fault({{"at_s", 1},
                   {"target", "users->web1"},
                   {"action", "slow"},
                   {"latency_ms", 1e308}}),
            "fault #2: latency_ms must be a number from 0 to 3600000 (an hour), got 1e+308");
        row("slow link by 1e13 ms",
            fault(
                {{"at_s", 1}, {"target", "users->web1"}, {"action", "slow"}, {"latency_ms", 1e13}}),
            "fault #2: latency_ms must be a number from 0 to 3600000");
        row("slow node by 1e308",
            fault({{"at_s", 1}, {"target", "web1"}, {"action", "slow"}, {"factor", 1e308}}),
            "fault #2: factor must be a number from 0 to 1000, got 1e+308");
        row("spike by a million",
            fault({{"at_s", 1}, {"target", "users"}, {"action", "spike"}, {"factor", 1e6}}),
            "fault #2: factor must be a number from 0 to 1000");
        row("set service_ms 1e308",
            fault({{"at_s", 1},
                   {"target", "web1"},
                   {"action", "set"},
                   {"property", "service_ms"},
                   {"value", 1e308}}),
            "fault #2: web1.service_ms must be a number from", "web1", "value");
        row("set rate_rps 1e308",
            fault({{"at_s", 1},
                   {"target", "users"},
                   {"action", "set"},
                   {"property", "rate_rps"},
                   {"value", 1e308}}),
            "fault #2: users.rate_rps must be a number from 0 to 1e+08", "users", "value");
        row("set instances 1e9",
            fault({{"at_s", 1},
                   {"target", "web1"},
                   {"action", "set"},
                   {"property", "instances"},
                   {"value", 1e9}}),
            "fault #2: web1.instances must be an integer from", "web1", "value");
        row("set a boolean to 5",
            fault({{"at_s", 1},
                   {"target", "web1"},
                   {"action", "set"},
                   {"property", "stateless"},
                   {"value", 5}}),
            "fault #2: web1.stateless must be 0 or 1, got 5", "web1", "value");
        row(
            "chaos every picosecond",
            [](json& d) {
                d["chaos"] = {{"enabled", true}, {"mtbf_s", 1e-12}};
            },
            "chaos.mtbf_s must be from 1 to 10000000 seconds, got 1e-12");
        row(
            "chaos once in 30000 years",
            [](json& d) {
                d["chaos"] = {{"enabled", true}, {"mtbf_s", 1e12}};
            },
            "chaos.mtbf_s must be from 1 to 10000000 seconds");
        row(
            "chaos repairs after 1e308 s",
            [](json& d) {
                d["chaos"] = {{"enabled", true}, {"mttr_s", 1e308}};
            },
            "chaos.mttr_s must be from 0.1 to 10000000 seconds");

        // Data centres and settings
        row(
            "data centre without region", [](json& d) { d["datacenters"][0].erase("region"); },
            "data centre #1 needs \"region\"");
        row(
            "data centre id used by a node", [](json& d) { d["datacenters"][0]["id"] = "web1"; },
            "node 'web1' is in data centre 'dc1', which does not exist");
        row(
            "run without duration",
            [](json& d) {
                d["run"] = {{"duration_s", 0}};
            },
            "run.duration_s must be a number from 0 to 86400");
        row(
            "negative seed",
            [](json& d) {
                d["run"] = {{"seed", -1}};
            },
            "run: \"seed\" must be a whole number of 0 or more, got -1");
        row(
            "chaos on an unknown kind",
            [](json& d) {
                d["chaos"] = {{"kinds", {"mainframe"}}};
            },
            "chaos.kinds names unknown kind 'mainframe'");
        row(
            "negative region latency",
            [](json& d) {
                d["region_latency_ms"] = {{{"a", "us-east"}, {"b", "eu-west"}, {"latency_ms", -3}}};
            },
            "region latency us-east<->eu-west needs two regions and a latency of 0 or more");
    }

    void badDesignsAreRejectedWithAClearMessage() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QFETCH(QString, node);
        QFETCH(QString, property);
        auto loaded = sb::design::readDesign(text.toStdString(), ComponentRegistry::builtin());
        QVERIFY2(!loaded.ok(), "the design was accepted");
        const std::string all = sb::design::formatProblems(loaded.problems);
        const std::string expected = message.toStdString();
        const sb::design::Problem* match = nullptr;
        for (const auto& p : loaded.problems)
            if (p.isError() && p.message.find(expected) != std::string::npos)
                match = &p;
        QVERIFY2(match, ("expected \"" + expected + "\" among:\n" + all).c_str());
        if (!node.isEmpty())
            QCOMPARE(QString::fromStdString(match->node), node);
        if (!property.isEmpty())
            QCOMPARE(QString::fromStdString(match->property), property);
    }

    void unreachableNodesAreOnlyAWarning() {
        json d = base();
        d["nodes"].push_back({{"id", "web2"}, {"kind", "web_server"}});
        auto loaded = sb::design::readDesign(d.dump(), ComponentRegistry::builtin());
        QVERIFY(loaded.ok());
        QVERIFY(sb::design::formatProblems(loaded.problems)
                    .find("warning: node 'web2' is not reachable from any clients") !=
                std::string::npos);
    }

    void everyProblemIsReportedAtOnce() {
        json d = base();
        node(d, "web1")["props"]["workers"] = 0;
        node(d, "web1")["props"]["queue_limit"] = -1;
        d["faults"][0]["action"] = "explode";
        auto loaded = sb::design::readDesign(d.dump(), ComponentRegistry::builtin());
        QVERIFY(!loaded.ok());
        int errors = 0;
        for (const auto& p : loaded.problems)
            errors += p.isError();
        QCOMPARE(errors, 3);
    }

    // Hostile input: each of these crashed, or printed megabytes, before the readers were
    // bounded (issue 20).
    void deepNestingIsRefusedWithoutRecursion_data() {
        QTest::addColumn<QString>("where");
        QTest::newRow("in the name") << "\"name\": ";
        QTest::newRow("in a property value") << "\"nodes\": [{\"id\": \"u\", \"kind\": "
                                                "\"clients\", \"props\": {\"users\": ";
    }
    void deepNestingIsRefusedWithoutRecursion() {
        QFETCH(QString, where);
        const std::size_t depth = 70000;
        std::string text = R"({"format": "scaleboard-design", "version": 1, )" +
                           where.toStdString() + std::string(depth, '[') + std::string(depth, ']');
        text += where.contains("nodes") ? "}}]}" : "}";
        for (auto reader : {&sb::design::readDesign, &sb::design::readDraftDesign}) {
            auto loaded = reader(text, ComponentRegistry::builtin());
            QVERIFY(!loaded.ok());
            const std::string message = sb::design::formatProblems(loaded.problems);
            QVERIFY2(message.find("the file nests lists or objects more than 64 levels deep") !=
                         std::string::npos,
                     message.c_str());
        }
    }

    void nestingWithinTheLimitAndBracketsInStringsAreFine() {
        json d = base();
        d["name"] = std::string(1000, '[');
        d["description"] = "{[{[ not nesting ]}]}";
        auto loaded = sb::design::readDesign(d.dump(), ComponentRegistry::builtin());
        QVERIFY2(loaded.ok(), sb::design::formatProblems(loaded.problems).c_str());
        QCOMPARE(loaded.design->name, std::string(1000, '['));
    }

    void aHugeWrongValueIsCutInTheMessage_data() {
        QTest::addColumn<bool>("asProperty");
        QTest::newRow("a text field") << false;
        QTest::newRow("a property") << true;
    }
    void aHugeWrongValueIsCutInTheMessage() {
        QFETCH(bool, asProperty);
        json d = base();
        const std::string huge(20'000'000, 'x');
        if (asProperty)
            node(d, "web1")["props"]["workers"] = huge;
        else
            node(d, "web1")["x"] = huge;
        auto loaded = sb::design::readDesign(d.dump(), ComponentRegistry::builtin());
        QVERIFY(!loaded.ok());
        const std::string message = sb::design::formatProblems(loaded.problems);
        QVERIFY2(message.size() < 400, message.substr(0, 400).c_str());
        QVERIFY2(message.find("xxx...\" (20000000 characters)") != std::string::npos,
                 message.c_str());
    }

    void aVersionBeyond32BitsIsNewerNotOne() {
        json d = base();
        d["version"] = 4294967297ULL;
        auto loaded = sb::design::readDesign(d.dump(), ComponentRegistry::builtin());
        QVERIFY(!loaded.ok());
        QVERIFY2(sb::design::formatProblems(loaded.problems)
                         .find("written by a newer Scaleboard (file version 4294967297") !=
                     std::string::npos,
                 sb::design::formatProblems(loaded.problems).c_str());
    }
};

QTEST_GUILESS_MAIN(ValidationTest)
#include "ValidationTest.moc"
