// Experiments against theory and against themselves: a sweep of an M/M/10 station's load
// with 20 replications per point gives 95% intervals that hold the Erlang C response time,
// the same plan on one thread and on two gives the same result, and bad parameters are
// refused naming what is wrong.
#include "experiments/Experiment.h"
#include "tests/common/MmcDesign.h"
#include "tests/common/Queueing.h"

#include <QtTest>
#include <cmath>

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
};

QTEST_GUILESS_MAIN(ExperimentsTest)
#include "test_experiments.moc"
