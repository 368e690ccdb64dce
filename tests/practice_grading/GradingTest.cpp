// The practice problems, the price table and the grader: every problem's reference design
// passes its own grading, the step-1 single server fails the harder ones for the named
// reasons, grading is deterministic, and bad problem files and price tables are refused
// with messages naming what is wrong.
#include "cli/CliApp.h"
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "practice/Cost.h"
#include "practice/EmbeddedTexts.h"
#include "practice/Grader.h"
#include "practice/Problem.h"
#include "review/ScalingPath.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace sb;
using namespace sb::practice;

namespace {

const design::DescriptorCatalog& catalog() {
    return comp::ComponentRegistry::builtin();
}

std::string builtinText(std::string_view id) {
    for (const EmbeddedText& t : problemTexts())
        if (t.name == id)
            return std::string(t.json);
    return {};
}

design::Design singleServer() {
    const review::DesignTemplate* t = review::ScalingPath::find("step01-single-server");
    return *design::readDesign(t->json, catalog()).design;
}

const Check* findCheck(const Scorecard& card, const std::string& id) {
    for (const Check& c : card.checks)
        if (c.id == id)
            return &c;
    return nullptr;
}

int runCommand(std::vector<std::string> args) {
    args.insert(args.begin(), "scaleboard-cli");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    return cli::runCli(static_cast<int>(argv.size()), argv.data());
}

void writeText(const QString& path, const std::string& text) {
    std::ofstream(path.toStdString(), std::ios::binary) << text;
}

/// The errors of a problem made from the built-in news feed with `edit` applied.
std::vector<std::string> errorsAfter(const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json doc = nlohmann::json::parse(builtinText("news-feed"));
    edit(doc);
    return readProblem(doc.dump(), "edited", catalog()).errors;
}

bool mentions(const std::vector<std::string>& errors, const std::string& part) {
    for (const std::string& e : errors)
        if (e.find(part) != std::string::npos)
            return true;
    return false;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines)
        out += l + "\n";
    return out;
}

} // namespace

class GradingTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyShippedProblemReads() {
        QVERIFY(problemTexts().size() >= 15);
        for (const EmbeddedText& t : problemTexts()) {
            const ProblemLoad load = readProblem(t.json, std::string(t.name), catalog());
            QVERIFY2(load.ok(), (std::string(t.name) + ":\n" + joined(load.errors)).c_str());
            const Problem& p = *load.problem;
            QCOMPARE(p.hints.size(), std::size_t{3});
            QVERIFY(!p.faults.empty());
            QVERIFY(!p.requirements.functional.empty());
            QVERIFY(p.requirements.budgetMonthly.has_value());
        }
        QCOMPARE(builtinProblems().size(), problemTexts().size());
        QVERIFY(findProblem("news-feed.json"));
        QVERIFY(!findProblem("no-such-problem"));
    }

    void everyReferenceDesignPassesItsOwnGrading() {
        for (const Problem& p : builtinProblems()) {
            const Scorecard card = grade(p, p.reference);
            QVERIFY2(card.passed(), (p.id + ":\n" + formatScorecard(card)).c_str());
            QCOMPARE(card.seeds, p.seeds);
            for (const ResolvedFault& f : card.faults)
                QVERIFY2(!f.targets.empty(), (p.id + ": " + f.name).c_str());
            // Every requirement set is a check: availability and recovery once per fault.
            std::size_t expected =
                p.requirements.p99Ms.has_value() + p.requirements.errorRate.has_value() +
                p.requirements.lostWrites.has_value() +
                p.requirements.staleReadFraction.has_value() +
                p.requirements.sessionMisses.has_value() + p.requirements.budgetMonthly.has_value();
            if (p.requirements.availability)
                expected += p.faults.size();
            if (p.requirements.recoverySeconds)
                expected += p.faults.size();
            QCOMPARE(card.checks.size(), expected);
        }
    }

    void statefulWebTierLosesSessions() {
        // Step 7's problem on step 6's design (stateful servers, sticky balancer): only the
        // session target tells it from step 7's, and names where the sessions were lost.
        const Problem* p = findProblem("scaling-step07-stateless-web");
        GradeOptions one;
        one.seeds = {1};
        const Scorecard card = grade(*p, findProblem("scaling-step06-cdn")->reference, one);
        QVERIFY(!card.passed());
        for (const Check& c : card.checks)
            QVERIFY2(c.passed == (c.id != "session_misses"), formatScorecard(card).c_str());
        const Check* misses = findCheck(card, "session_misses");
        QVERIFY(misses && misses->measured > 0);
        QVERIFY(misses->why.find("node_failed web1 at 15 s") != std::string::npos);
        QCOMPARE(misses->evidence.lines.size(), std::size_t(3)); // web1, web2, web3
        QCOMPARE(findCheck(grade(*p, p->reference, one), "session_misses")->measured, 0.0);
    }

    void singleServerFailsTheNewsFeedForTheNamedReasons() {
        const Problem* p = findProblem("news-feed");
        QVERIFY(p);
        const Scorecard card = grade(*p, singleServer());
        QVERIFY(!card.passed());
        const Check* p99 = findCheck(card, "p99_ms");
        const Check* errors = findCheck(card, "error_rate");
        const Check* available = findCheck(card, "availability");
        QVERIFY(p99 && errors && available);
        QVERIFY(!p99->passed);
        QVERIFY(p99->measured > *p->requirements.p99Ms);
        QVERIFY(!errors->passed);
        QVERIFY2(errors->why.find("overloaded") != std::string::npos, errors->why.c_str());
        // The single point of failure: the fault on @server hit the one server and nothing
        // answered while it was down.
        QVERIFY(!available->passed);
        QCOMPARE(available->fault, std::string("a web server fails"));
        QCOMPARE(card.faults.front().targets, std::vector<std::string>{"web1"});
        QVERIFY(available->measured < 0.01);
        QVERIFY2(available->why.find("node_failed web1") != std::string::npos,
                 available->why.c_str());
        // The evidence: the stretch around the fault, offered and answered, with its events.
        QCOMPARE(available->evidence.fromSeconds, 10.0);
        QCOMPARE(available->evidence.toSeconds, 30.0);
        QCOMPARE(available->evidence.lines.size(), std::size_t{2});
        QCOMPARE(available->evidence.lines[0].first, std::string("offered_rps"));
        QCOMPARE(available->evidence.lines[0].second.size(), available->evidence.time.size());
        QVERIFY(available->evidence.time.front() >= 10 && available->evidence.time.back() <= 30);
        QVERIFY(!available->evidence.events.empty());
        QCOMPARE(available->evidence.events.front().kind, std::string("node_failed"));
        QCOMPARE(p99->evidence.lines.front().first, std::string("latency_p99_ms"));
        QVERIFY(findCheck(card, "budget_monthly")->evidence.time.empty());
        bool spof = false;
        for (const std::string& f : card.findings)
            spof = spof || f.starts_with("single_point_of_failure (web1)");
        QVERIFY(spof);
        const std::string text = formatScorecard(card);
        QVERIFY(text.find("FAIL  p99 latency") != std::string::npos);
        QVERIFY(text.find("FAIL  answered while a web server fails") != std::string::npos);
    }

    void singleServerFailsEveryHarderProblem() {
        const design::Design one = singleServer();
        for (const Problem& p : builtinProblems()) {
            if (p.difficulty == "easy")
                continue;
            GradeOptions once;
            once.seeds = {1};
            const Scorecard card = grade(p, one, once);
            QVERIFY2(!card.passed(), p.id.c_str());
            const Check* errors = findCheck(card, "error_rate");
            QVERIFY2(errors && !errors->passed, p.id.c_str());
        }
    }

    void gradingIsDeterministic() {
        const Problem* p = findProblem("chat");
        GradeOptions serial, parallel;
        serial.seeds = parallel.seeds = {4, 5};
        serial.jobs = 1;
        parallel.jobs = 2;
        const nlohmann::json a = toJson(grade(*p, p->reference, serial));
        const nlohmann::json b = toJson(grade(*p, p->reference, parallel));
        QCOMPARE(a.dump(), b.dump());
        QCOMPARE(a["seeds"], nlohmann::json::array({4, 5}));
        QCOMPARE(a["format"], nlohmann::json("scaleboard-scorecard"));
    }

    void gradedDesignAppliesTrafficAndFaultsByRole() {
        const Problem* p = findProblem("flash-sale-checkout");
        std::vector<ResolvedFault> resolved;
        const design::Design d = gradedDesign(*p, p->reference, catalog(), &resolved);
        QCOMPARE(resolved.size(), std::size_t{2});
        QCOMPARE(resolved[0].targets, std::vector<std::string>{"users"}); // all traffic sources
        QCOMPARE(resolved[1].targets, std::vector<std::string>{"db"});    // the first writer
        QCOMPARE(d.faults.size(), std::size_t{2});
        QCOMPARE(d.faults[1].target, std::string("db"));
        const design::Node* users = d.node(design::NodeId{"users"});
        QCOMPARE(users->props["rate_rps"].get<double>(), p->traffic.peakRps());
        QCOMPARE(users->props["mix"]["async"].get<double>(), 0.25);
        QVERIFY(!d.chaos.enabled);
        // The single server has no writer: "@writer|@server" falls back to the server.
        const design::Design one = gradedDesign(*p, singleServer(), catalog(), &resolved);
        QCOMPARE(resolved[1].targets, std::vector<std::string>{"web1"});
        QVERIFY(one.faults.size() == 2);
    }

    void aFaultWhoseRolesTheDesignLacksHitsNothingAndSaysSo() {
        // The chat problem with its fault on the queue alone, graded on a design with none.
        nlohmann::json doc = nlohmann::json::parse(builtinText("chat"));
        doc["faults"][0]["target"] = "@queue";
        const ProblemLoad load = readProblem(doc.dump(), "chat-queue", catalog());
        QVERIFY2(load.ok(), joined(load.errors).c_str());
        GradeOptions once;
        once.seeds = {1};
        const Scorecard card = grade(*load.problem, findProblem("news-feed")->reference, once);
        QCOMPARE(card.faults.size(), std::size_t{1});
        QVERIFY(card.faults[0].targets.empty());
        const Check* available = findCheck(card, "availability");
        QVERIFY(available);
        QVERIFY2(available->why.starts_with("nothing in the design matches @queue"),
                 available->why.c_str());
        QVERIFY(formatScorecard(card).find("@queue -> nothing matches") != std::string::npos);
    }

    void badProblemsAreRefusedNamingWhatIsWrong() {
        QVERIFY(errorsAfter([](nlohmann::json&) {}).empty());
        QVERIFY(mentions(readProblem("{ not json", "x", catalog()).errors, "is not valid JSON"));
        QVERIFY(
            mentions(errorsAfter([](auto& d) { d.erase("statement"); }), "statement is missing"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["colour"] = 1; }),
                         "colour is not a key this format knows"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["version"] = 2; }), "newer than this"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["traffic"]["mix"]["read"] = 0.5; }),
                         "traffic.mix must add up to 1"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["traffic"]["daily_users"] = -5; }),
                         "traffic.daily_users must be a number from 1"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["traffic"]["daily_users"] = 1e10; }),
                         "must be at most 20000 req/s"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["faults"][0]["target"] = "web1"; }),
                         "faults[0].target must name roles"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["faults"][0]["target"] = "@database"; }),
                         "no kind has the role 'database'"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["faults"][0]["action"] = "partition"; }),
                         "faults[0].action must be one of fail, slow, spike, set"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["faults"][0]["at_s"] = 100; }),
                         "comes after the run's end"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["faults"][0]["target"] = "@queue"; }),
                         "its target @queue matches nothing in the reference design"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["faults"][0]["factor"] = -1; }),
                         "the reference design under the problem's traffic and faults"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["faults"][0]["duration_s"] = "long"; }),
                         "faults[0].duration_s must be a number, got \"long\""));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["hints"].erase(0); }),
                         "hints must be a list of 3 non-empty texts"));
        QVERIFY(mentions(errorsAfter([](auto& d) { d["reference"]["nodes"][0]["kind"] = "bus"; }),
                         "reference: "));
        QVERIFY(mentions(errorsAfter([](auto& d) {
                             d["requirements"] = {{"functional", {"x"}}};
                         }),
                         "requirements sets no target"));
        QVERIFY(mentions(errorsAfter([](auto& d) {
                             d["run"]["seeds"] = {1, -2};
                         }),
                         "run.seeds must be a list"));
    }

    void costIsEstimatedFromThePriceTable() {
        const auto& prices = builtinPrices();
        for (const design::ComponentDescriptor* d : catalog().all())
            QVERIFY2(prices.kinds.contains(d->kind), d->kind.c_str());
        QVERIFY(prices.note.find("Illustrative estimate") != std::string::npos);
        design::Design d = singleServer(); // dns (20) + one web server of 8 workers (140)
        QCOMPARE(estimateCost(d, prices, catalog()).totalMonthly, 160.0);
        design::Node& web = *d.node(design::NodeId{"web1"});
        web.props["instances"] = 3;
        web.props["workers"] = 32; // large: 560
        QCOMPARE(estimateCost(d, prices, catalog()).totalMonthly, 20 + 3 * 560.0);
        web.props["autoscale"] = {{"enabled", true}, {"max", 5}};
        const CostEstimate cost = estimateCost(d, prices, catalog());
        QCOMPARE(cost.totalMonthly, 20 + 5 * 560.0); // priced at the group's most
        QCOMPARE(cost.lines[2].size, std::string("large"));
        QCOMPARE(cost.lines[2].count, 5.0);
        QCOMPARE(cost.currency, std::string("USD"));
    }

    void badPriceTablesAreRefused() {
        nlohmann::json table = nlohmann::json::parse(priceTexts().front().json);
        QVERIFY(readPriceTable(table.dump(), catalog()).ok());
        auto errors = [&table](const std::function<void(nlohmann::json&)>& edit) {
            nlohmann::json t = table;
            edit(t);
            return readPriceTable(t.dump(), catalog()).errors;
        };
        QVERIFY(mentions(errors([](auto& t) { t["kinds"].erase("cache"); }),
                         "kinds has no price for cache"));
        QVERIFY(mentions(errors([](auto& t) { t["kinds"]["cache"]["size_property"] = "colour"; }),
                         "kinds.cache.size_property: cache has no numeric property"));
        QVERIFY(mentions(errors([](auto& t) { t["kinds"]["cache"]["sizes"][1]["up_to"] = 5; }),
                         "must be larger than the size before it"));
        QVERIFY(mentions(errors([](auto& t) { t["kinds"]["dns"]["monthly"] = -1; }),
                         "kinds.dns.monthly must be a monthly cost"));
        QVERIFY(mentions(errors([](auto& t) {
                             t["kinds"]["teleporter"] = {{"monthly", 1}};
                         }),
                         "kinds.teleporter: there is no such component kind"));
        QVERIFY(mentions(errors([](auto& t) { t.erase("note"); }), "note must be a non-empty"));
    }

    void commandLineExitCodes() {
        QTemporaryDir dir;
        const QString reference = dir.filePath("reference.json");
        const QString single = dir.filePath("single.json");
        const QString badProblem = dir.filePath("bad-problem.json");
        const QString badPrices = dir.filePath("prices.json");
        QCOMPARE(runCommand({"problems"}), 0);
        QCOMPARE(runCommand({"problems", "--json"}), 0);
        QCOMPARE(runCommand({"problems", "show", "news-feed"}), 0);
        QCOMPARE(runCommand({"problems", "show", "no-such-problem"}), 2);
        QCOMPARE(
            runCommand({"problems", "show", "news-feed", "--reference", reference.toStdString()}),
            0);
        QCOMPARE(runCommand({"templates", "step01-single-server", "-o", single.toStdString()}), 0);
        QCOMPARE(runCommand({"grade", "news-feed", reference.toStdString(), "--seeds", "1"}), 0);
        QCOMPARE(runCommand({"grade", "news-feed", single.toStdString(), "--json", "--seeds", "1"}),
                 1);
        QCOMPARE(
            runCommand({"grade", single.toStdString(), "--problem", "news-feed", "--seeds", "1"}),
            1);
        QCOMPARE(runCommand({"grade", single.toStdString()}), 2); // no problem named
        QCOMPARE(runCommand({"grade", "news-feed", single.toStdString(), "--problem", "chat"}), 2);
        QCOMPARE(runCommand({"grade", "no-such-problem", single.toStdString()}), 2);
        QCOMPARE(runCommand({"grade", "news-feed", dir.filePath("missing.json").toStdString()}), 2);
        QCOMPARE(runCommand({"grade", "news-feed", single.toStdString(), "--seeds", "0"}), 2);
        QCOMPARE(runCommand({"grade", "news-feed", single.toStdString(), "--seeds", "abc"}), 2);
        writeText(badProblem, "{\"format\": \"scaleboard-problem\", \"version\": 1}");
        QCOMPARE(runCommand({"grade", badProblem.toStdString(), single.toStdString()}), 2);
        writeText(badProblem, builtinText("news-feed"));
        QCOMPARE(runCommand(
                     {"grade", badProblem.toStdString(), reference.toStdString(), "--seeds", "1"}),
                 0); // a problem file read from disk grades as the built-in one does
        QCOMPARE(runCommand({"cost", single.toStdString(), "--json"}), 0);
        // run --json carries the same estimate (dns 20 + one medium web server 140).
        const QString result = dir.filePath("result.json");
        QCOMPARE(runCommand({"run", single.toStdString(), "--duration", "3", "--warmup", "1",
                             "--quiet", "--json", result.toStdString()}),
                 0);
        std::ifstream resultFile(result.toStdString());
        const nlohmann::json run = nlohmann::json::parse(resultFile);
        QCOMPARE(run["cost_estimate"]["monthly"].get<double>(), 160.0);
        QCOMPARE(run["cost_estimate"]["estimate"].get<bool>(), true);
        writeText(badPrices, "{\"format\": \"scaleboard-prices\"}");
        QCOMPARE(runCommand({"cost", single.toStdString(), "--prices", badPrices.toStdString()}),
                 2);
        QCOMPARE(runCommand({"grade", "news-feed", single.toStdString(), "--prices",
                             badPrices.toStdString()}),
                 2);
    }
};

QTEST_GUILESS_MAIN(GradingTest)
#include "GradingTest.moc"
