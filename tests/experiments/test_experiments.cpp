// Experiments against theory and against themselves: a sweep of an M/M/10 station's load
// with 20 replications per point gives 95% intervals that hold the Erlang C response time,
// the same plan on one thread and on two gives the same result, and bad parameters are
// refused naming what is wrong. Zipped sweeps, targets judged on the intervals, the
// experiment file format and the capacity planner against Erlang C.
#include "experiments/Capacity.h"
#include "experiments/Experiment.h"
#include "experiments/ExperimentFile.h"
#include "tests/common/MmcDesign.h"
#include "tests/common/Queueing.h"

#include <QtTest>
#include <cmath>
#include <functional>

using namespace sb;

namespace {

experiments::Plan mmcSweep(std::size_t replications, double seconds) {
    experiments::Plan plan;
    plan.design = test::mmcDesign(40, 10);
    plan.settings.durationSeconds = seconds;
    plan.settings.warmupSeconds = 20;
    plan.settings.seed = 1;
    plan.parameters.push_back(experiments::parseVary("users.rate_rps=40:80:20"));
    plan.replications = replications;
    return plan;
}

std::size_t metricIndex(const std::string& name) {
    const auto& names = experiments::metricNames();
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

} // namespace

class ExperimentsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void intervalsHoldErlangCAtEveryUtilisation() {
        // A 95% interval misses the truth one time in twenty: over base seeds 1 to 5 this
        // sweep's fifteen intervals held Erlang C fourteen times (seed 2 missed at rho 0.4
        // by 0.1 ms). Seed 1, the project's default, holds at all three points.
        const experiments::Plan plan = mmcSweep(20, 220);
        const auto points = experiments::run(plan, 2, {});
        QCOMPARE(points.size(), std::size_t(3));
        for (const auto& point : points) {
            const double rate = point.values[0].get<double>();
            const double theoryMs = 1e3 * test::mmcResponseTime(10, rate, 10);
            const experiments::Interval ci =
                experiments::interval(point.samples[metricIndex("mean_ms")]);
            qInfo("rho %.1f: mean %.3f ms +- %.3f (Erlang C %.3f)", rate / 100, ci.mean,
                  ci.halfWidth, theoryMs);
            QVERIFY2(ci.low() <= theoryMs && theoryMs <= ci.high(),
                     "Erlang C outside the 95% interval");
            QVERIFY2(ci.halfWidth / theoryMs < 0.03, "the interval is too wide to say anything");
        }
    }

    void oneThreadAndTwoGiveTheSameResult() {
        const experiments::Plan plan = mmcSweep(3, 40);
        const auto one = experiments::toJson(plan, experiments::run(plan, 1, {}));
        const auto two = experiments::toJson(plan, experiments::run(plan, 2, {}));
        QCOMPARE(QString::fromStdString(one.dump()), QString::fromStdString(two.dump()));
        QVERIFY(one["points"][0]["metrics"]["mean_ms"]["runs"][0] !=
                one["points"][0]["metrics"]["mean_ms"]["runs"][1]); // seeds differ by run
    }

    void studentQuantilesMatchTheTable() {
        QCOMPARE(experiments::studentT95(19), 2.093);
        QVERIFY(std::abs(experiments::studentT95(60) - 2.000) < 1e-3);
        QVERIFY(std::abs(experiments::studentT95(120) - 1.980) < 1e-3);
    }

    void badParametersAreNamed() {
        design::Design d = test::mmcDesign(40, 10);
        const auto message = [&d](const std::string& path, const nlohmann::json& v) {
            try {
                experiments::applyParameter(d, path, v);
            } catch (const std::invalid_argument& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        QVERIFY(message("web.workers", 0).find("workers must be") != std::string::npos);
        QVERIFY(message("nope.workers", 2).find("no node 'nope'") != std::string::npos);
        QVERIFY(message("web.colour", 2).find("no property 'colour'") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 experiments::parseVary("web.workers=3:1:1"));
        QCOMPARE(experiments::parseVary("web.workers=1:5:2").values.size(), std::size_t(3));
    }
    void zippedParametersMoveTogetherAndCrossTheRest() {
        std::vector<experiments::Parameter> ps{experiments::parseVary("users.rate_rps=40,60"),
                                               experiments::parseVary("web.workers=5,7"),
                                               experiments::parseVary("web.service_ms=50,80,90")};
        ps[0].zip = ps[1].zip = "load";
        const auto points = experiments::sweepPoints(ps);
        QCOMPARE(points.size(), std::size_t(6)); // 2 zipped pairs x 3 service times
        QCOMPARE(nlohmann::json(points[0]).dump(), std::string("[40,5,50]"));
        QCOMPARE(nlohmann::json(points[3]).dump(), std::string("[60,7,50]"));
        QCOMPARE(nlohmann::json(points[5]).dump(), std::string("[60,7,90]"));
        QCOMPARE(experiments::crossedPoints(ps).size(), std::size_t(12));
        const std::vector<experiments::Parameter> huge{
            experiments::parseVary("users.rate_rps=1:1000:1"),
            experiments::parseVary("web.workers=1:1000:1"),
            experiments::parseVary("web.service_ms=1:2:1")};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, experiments::sweepPoints(huge));
        ps[2].zip = "load";
        try {
            experiments::sweepPoints(ps);
            QFAIL("zipped parameters of different lengths were accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("'users.rate_rps' (2 values) and "
                                                "'web.service_ms' (3 values)") != std::string::npos,
                     e.what());
        }
    }

    void targetsAreJudgedOnTheInterval() {
        const experiments::Target p99 = experiments::parseTarget("p99_ms<200");
        QVERIFY(p99.below);
        QCOMPARE(p99.bound, 200.0);
        QCOMPARE(QString::fromStdString(p99.text()), QString("p99_ms<200"));
        QCOMPARE(QString::fromStdString(experiments::parseTarget("error_rate<0.01").text()),
                 QString("error_rate<0.01"));
        using experiments::Verdict;
        QCOMPARE(experiments::judge(p99, {150, 152, 151}), Verdict::Met);
        QCOMPARE(experiments::judge(p99, {250, 252, 251}), Verdict::NotMet);
        QCOMPARE(experiments::judge(p99, {150, 250, 199}), Verdict::Inconclusive);
        QCOMPARE(experiments::judge(p99, {150}), Verdict::Inconclusive); // no interval
        const experiments::Target rps = experiments::parseTarget("throughput_rps>100");
        QCOMPARE(experiments::judge(rps, {120, 121, 119}), Verdict::Met);
        QCOMPARE(experiments::judge(rps, {80, 81, 79}), Verdict::NotMet);
        QCOMPARE(experiments::parseTargets("p99_ms<200,error_rate<0.01").size(), std::size_t(2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, experiments::parseTarget("p99_ms=200"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, experiments::parseTarget("p99<200"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, experiments::parseTarget("p99_ms<fast"));
    }

    void targetsAndNodeMetricsReachTheResult() {
        experiments::Plan plan = mmcSweep(4, 60);
        plan.parameters = {experiments::parseVary("users.rate_rps=40,80")};
        plan.metrics = {"mean_ms", "web.utilization"};
        plan.targets = {experiments::parseTarget("mean_ms<110")};
        const auto json = experiments::toJson(plan, experiments::run(plan, 2, {}));
        QCOMPARE(json["metrics"].dump(), std::string(R"(["mean_ms","web.utilization"])"));
        const auto& low = json["points"][0];
        QVERIFY(std::abs(low["metrics"]["web.utilization"]["mean"].get<double>() - 0.4) < 0.03);
        QCOMPARE(low["targets"]["mean_ms<110"].get<std::string>(), std::string("met"));
        QCOMPARE(json["points"][1]["targets"]["mean_ms<110"].get<std::string>(),
                 std::string("not met")); // Erlang C: 120.5 ms at utilisation 0.8
        QCOMPARE(json["points"][1]["meets_targets"].get<bool>(), false);
        plan.metrics = {"web.nothing"};
        plan.targets.clear();
        try {
            experiments::run(plan, 1, {});
            QFAIL("an unknown node metric was accepted");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("node 'web' reports no 'nothing'") !=
                         std::string::npos,
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 experiments::checkMetric(plan.design, "db.utilization"));
    }

    void experimentFilesReadBackAndNameTheirMistakes() {
        const auto doc = nlohmann::json::parse(R"({
          "format": "scaleboard-experiment", "version": 1, "design": "mmc.json",
          "factors": [{"path": "users.rate_rps", "range": {"from": 40, "to": 80, "step": 20}},
                      {"path": "web.workers", "values": [10, 12, 14], "zip": "z"},
                      {"path": "web.service_ms", "values": [100, 90, 80], "zip": "z"}],
          "replications": 5, "duration_s": 60.5, "warmup_s": 10, "seed": 18446744073709551615,
          "metrics": ["p99_ms"], "targets": ["p99_ms<200", "error_rate<0.01"],
          "minimise": "web.workers"})");
        const experiments::ExperimentFile file = experiments::readExperimentFile(doc);
        QCOMPARE(file.design, std::string("mmc.json"));
        QCOMPARE(file.parameters.size(), std::size_t(3));
        QCOMPARE(nlohmann::json(file.parameters[0].values).dump(), std::string("[40,60,80]"));
        QCOMPARE(file.parameters[2].zip, std::string("z"));
        QCOMPARE(*file.replications, std::size_t(5));
        QCOMPARE(*file.durationSeconds, 60.5);
        QCOMPARE(*file.seed, std::uint64_t(18446744073709551615ULL));
        QCOMPARE(file.targets.size(), std::size_t(2));
        QCOMPARE(file.minimise, std::string("web.workers"));
        QVERIFY(experiments::isExperimentFile(doc));
        QVERIFY(!experiments::isExperimentFile(nlohmann::json::parse(R"({"format":
                                                                   "scaleboard-design"})")));

        // The manifest of a bound plan reads back to the same plan.
        experiments::Plan plan = mmcSweep(5, 60.5);
        plan.parameters = file.parameters;
        plan.metrics = file.metrics;
        plan.targets = file.targets;
        const auto again = experiments::readExperimentFile(
            nlohmann::json::parse(experiments::experimentFileJson(plan, "d.json", 3).dump()));
        QCOMPARE(again.runsPerTask, std::size_t(3));
        QCOMPARE(*again.durationSeconds, 60.5);
        QCOMPARE(again.parameters[1].zip, std::string("z"));
        QCOMPARE(nlohmann::json(again.parameters[0].values).dump(), std::string("[40,60,80]"));
        QCOMPARE(again.targets[1].text(), std::string("error_rate<0.01"));

        const auto problem = [&doc](const std::function<void(nlohmann::json&)>& change) {
            nlohmann::json bad = doc;
            change(bad);
            try {
                experiments::readExperimentFile(bad);
            } catch (const std::invalid_argument& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        const auto has = [](const std::string& message, const char* part) {
            return message.find(part) != std::string::npos;
        };
        QVERIFY(has(problem([](auto& d) { d["replication"] = 3; }), "unknown key 'replication'"));
        QVERIFY(has(problem([](auto& d) { d["replications"] = 0; }),
                    "'replications' must be a whole number from 1 to 100000, got 0"));
        QVERIFY(has(problem([](auto& d) { d["factors"][1].erase("values"); }),
                    "factors[1] (web.workers) needs either 'values' or 'range'"));
        QVERIFY(has(problem([](auto& d) { d["factors"][0]["range"]["step"] = 0; }),
                    "factors[0] (users.rate_rps): range needs A <= B and STEP > 0"));
        QVERIFY(has(problem([](auto& d) { d["targets"] = {"p99_ms<<2"}; }), "p99_ms<<2"));
        QVERIFY(has(problem([](auto& d) { d["duration_s"] = -1; }), "'duration_s' must be"));
        QVERIFY(has(problem([](auto& d) { d["version"] = 2; }), "'version' must be 1"));
        QVERIFY(has(problem([](auto& d) { d.erase("design"); }), "'design' must name"));
    }

    void theCapacityPlannerFindsTheSmallestStationErlangCAllows() {
        // 80 req/s of 100 ms work: Erlang C gives 165 ms at 9 workers, 120 ms at 10.
        experiments::Plan plan = mmcSweep(10, 120);
        plan.settings.seed = 3;
        plan.parameters = {experiments::parseVary("web.workers=12,7,10,9,11")};
        plan.design.node(design::NodeId{"web"})->props["workers"] = 10;
        plan.design.node(design::NodeId{"users"})->props["rate_rps"] = 80;
        plan.targets = {experiments::parseTarget("mean_ms<140")};
        const auto result = experiments::planCapacity(plan, "web.workers", 2, {});
        QCOMPARE(result.candidates, std::size_t(5));
        QCOMPARE(result.evaluated.size(), std::size_t(3)); // 7, 9, then 10 meets: stop
        QCOMPARE(result.evaluated[0].cost, 7.0);
        QCOMPARE(result.evaluated[1].cost, 9.0);
        QVERIFY(result.chosen && result.cheaperFailed);
        QCOMPARE(result.evaluated[*result.chosen].cost, 10.0);
        QCOMPARE(result.evaluated[*result.chosen].index, std::size_t(2));
        QCOMPARE(result.evaluated[*result.cheaperFailed].cost, 9.0);
        const auto json = experiments::toJson(plan, result);
        QCOMPARE(json["chosen"]["values"]["web.workers"].get<int>(), 10);
        QCOMPARE(json["next_cheaper"]["targets"]["mean_ms<140"].get<std::string>(),
                 std::string("not met"));
        // Its seeds are the full sweep's: the chosen point's runs are a plain run's.
        const auto full = experiments::run(plan, 1, {});
        QCOMPARE(nlohmann::json(full[2].samples).dump(),
                 nlohmann::json(result.evaluated[*result.chosen].result.samples).dump());
        QCOMPARE(
            experiments::toJson(plan, experiments::planCapacity(plan, "web.workers", 1, {})).dump(),
            json.dump());

        plan.targets = {experiments::parseTarget("mean_ms<50")};
        const auto none = experiments::planCapacity(plan, "web.workers", 2, {});
        QVERIFY(!none.chosen);
        QCOMPARE(none.evaluated.size(), std::size_t(5));
        plan.targets.clear();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 experiments::planCapacity(plan, "web.workers", 1, {}));
    }

    void costCountsInstancesOrPricesTheDesign() {
        design::Design d = test::mmcDesign(40, 10);
        QCOMPARE(experiments::designCost(d, "instances"), 1.0); // one web server; clients free
        const double one = experiments::designCost(d, "cost");
        QVERIFY(one > 0);
        experiments::applyParameter(d, "web.instances", 3);
        QCOMPARE(experiments::designCost(d, "instances"), 3.0);
        QCOMPARE(experiments::designCost(d, "cost"), 3 * one); // priced per instance
        QCOMPARE(experiments::designCost(d, "web.workers"), 10.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, experiments::designCost(d, "cheap"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 experiments::designCost(d, "web.stateless"));
    }
};

QTEST_GUILESS_MAIN(ExperimentsTest)
#include "test_experiments.moc"
