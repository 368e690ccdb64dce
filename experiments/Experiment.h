#pragma once

#include "design/Design.h"
#include "emulator/RunResult.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sb::experiments {

/// One varied property: `NODE.PROPERTY` (e.g. `web1.workers`) and the values it takes.
/// Parameters with the same non-empty `zip` name move together (their i-th values form
/// one point; they must have as many values each); the groups and the lone parameters are
/// crossed.
struct Parameter {
    std::string path;
    std::vector<nlohmann::json> values;
    std::string zip;
};

/// Parses `P=V1,V2,...` or `P=A:B:STEP` (an inclusive range); throws std::invalid_argument
/// naming what is wrong.
Parameter parseVary(const std::string& text);

/// The values of the inclusive range from `from` to `to` by `step` (whole numbers stay
/// whole); throws std::invalid_argument naming `what` when the range is empty or too long.
std::vector<nlohmann::json> rangeValues(const std::string& what, double from, double to,
                                        double step);

/// Sets `path` (`NODE.PROPERTY`) to `value` in `design`, checked against the property's
/// spec as the inspector checks it; throws std::invalid_argument with the message.
void applyParameter(design::Design& design, const std::string& path, const nlohmann::json& value);

/// The points of a crossed sweep: every combination of the parameters' values (one empty
/// point when there are none). Zip groups are ignored: see sweepPoints.
std::vector<std::vector<nlohmann::json>> crossedPoints(const std::vector<Parameter>& parameters);

/// The most points a sweep may have.
inline constexpr std::size_t kMaxPoints = 1000000;

/// The points of a sweep: zip groups move together, everything else is crossed, in the
/// order the parameters (or a group's first parameter) appear; each point holds one value
/// per parameter, in the parameters' order. Throws std::invalid_argument when a zip
/// group's parameters have different numbers of values, or there would be more than
/// kMaxPoints points.
std::vector<std::vector<nlohmann::json>> sweepPoints(const std::vector<Parameter>& parameters);

/// The seed of one run: derived from the base seed, the point and the replication index
/// (never from the thread that runs it).
std::uint64_t runSeed(std::uint64_t base, std::size_t point, std::size_t replication);

/// The two-sided 95% Student-t quantile for `df` degrees of freedom.
double studentT95(std::size_t df);

/// Mean and 95% confidence half-width of a sample (half-width 0 for fewer than 2 values).
struct Interval {
    double mean = 0;
    double halfWidth = 0;
    double low() const { return mean - halfWidth; }
    double high() const { return mean + halfWidth; }
};
Interval interval(const std::vector<double>& sample);

/// The metrics an experiment summarises by default, by result key.
const std::vector<std::string>& metricNames();
/// One metric of a run: a name of metricNames(), `p999_ms`, `max_ms`, or `NODE.NAME` for a
/// node's measurement (`utilization`, `mean_ms`, `p50_ms`, `p95_ms`, `p99_ms`, or one of
/// the node's named metrics such as `hit_rate`). error_rate = failed / total. Throws
/// std::invalid_argument for an unknown metric.
double metric(const emu::RunResult& result, const std::string& name);
/// Checks a metric name against a design before anything runs (a node metric's node must
/// exist; its name is checked by the first run); throws std::invalid_argument.
void checkMetric(const design::Design& design, const std::string& name);

/// A target on a metric: `p99_ms<200` or `throughput_rps>1000`.
struct Target {
    std::string metric;
    bool below = true; ///< `<`: the metric must stay under the bound; `>`: above it
    double bound = 0;
    std::string text() const;
};
/// Parses `METRIC<BOUND` or `METRIC>BOUND`; throws std::invalid_argument naming it.
Target parseTarget(const std::string& text);
/// Parses a comma-separated list of targets.
std::vector<Target> parseTargets(const std::string& list);

/// A target judged on a point's 95% interval: met when the whole interval is on the good
/// side of the bound, not met when it is wholly on the bad side, inconclusive when it
/// straddles the bound or there are fewer than two replications.
enum class Verdict { Met, NotMet, Inconclusive };
Verdict judge(const Target& target, const std::vector<double>& sample);
const char* verdictName(Verdict verdict);

struct Plan {
    design::Design design;
    emu::RunSettings settings;
    std::vector<Parameter> parameters;
    std::size_t replications = 1;
    std::vector<std::string> metrics; ///< empty: metricNames()
    std::vector<Target> targets;

    /// The metrics reported, in order: `metrics`, or metricNames() when it is empty, then
    /// any target's metric not among them.
    std::vector<std::string> metricList() const;
};

struct PointResult {
    std::vector<nlohmann::json> values;
    std::vector<std::vector<double>> samples; ///< per metric of metricList(), per replication
};

/// The design of one point: the plan's design with the point's values applied.
design::Design pointDesign(const Plan& plan, const std::vector<nlohmann::json>& values);

/// Runs one replication of one point (design from pointDesign) single-threaded with its
/// derived seed; returns the whole run result.
emu::RunResult runResult(const Plan& plan, const design::Design& design, std::size_t point,
                         std::size_t replication);

/// runResult's metrics: each of plan.metricList().
std::vector<double> runOnce(const Plan& plan, const design::Design& design, std::size_t point,
                            std::size_t replication);

/// Runs every point of the plan `replications` times on `jobs` threads (each run single
/// threaded and deterministic); `progress(finished, total)` is called from the calling
/// thread as runs end (a failed or skipped run is not counted as finished).
/// When `cancel` becomes true, runs not yet started are skipped and std::runtime_error
/// ("cancelled") is thrown once the running ones end.
std::vector<PointResult> run(const Plan& plan, unsigned jobs,
                             const std::function<void(std::size_t, std::size_t)>& progress,
                             const std::atomic<bool>* cancel = nullptr);

/// Runs only the points with the given indices (into sweepPoints), in that order; their
/// seeds are those of a full run.
std::vector<PointResult> runPoints(const Plan& plan, const std::vector<std::size_t>& indices,
                                   unsigned jobs,
                                   const std::function<void(std::size_t, std::size_t)>& progress,
                                   const std::atomic<bool>* cancel = nullptr);

/// One point as the result document writes it: values, metrics with intervals and runs,
/// and each target's verdict.
nlohmann::json pointJson(const Plan& plan, const PointResult& point);
/// The experiment's result document (docs/experiments.md).
nlohmann::json toJson(const Plan& plan, const std::vector<PointResult>& points);
/// The points of a result document toJson wrote for `plan` (each parameter's value and
/// each metric's runs), so a kept experiment is shown again as it was measured. Throws
/// std::invalid_argument naming the key that is missing or of the wrong type.
std::vector<PointResult> pointsFromJson(const Plan& plan, const nlohmann::json& results);
/// One row per point: parameter values, then mean, low and high of each metric.
std::string toCsv(const Plan& plan, const std::vector<PointResult>& points);

} // namespace sb::experiments
