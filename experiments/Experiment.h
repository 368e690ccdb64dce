#pragma once

#include "design/Design.h"
#include "emulator/RunResult.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sb::experiments {

/// One varied property: `NODE.PROPERTY` (e.g. `web1.workers`) and the values it takes.
struct Parameter {
    std::string path;
    std::vector<nlohmann::json> values;
};

/// Parses `P=V1,V2,...` or `P=A:B:STEP` (an inclusive range); throws std::invalid_argument
/// naming what is wrong.
Parameter parseVary(const std::string& text);

/// Sets `path` (`NODE.PROPERTY`) to `value` in `design`, checked against the property's
/// spec as the inspector checks it; throws std::invalid_argument with the message.
void applyParameter(design::Design& design, const std::string& path, const nlohmann::json& value);

/// The points of a crossed sweep: every combination of the parameters' values (one empty
/// point when there are none).
std::vector<std::vector<nlohmann::json>> crossedPoints(const std::vector<Parameter>& parameters);

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

/// The metrics an experiment summarises, by result key.
const std::vector<std::string>& metricNames();
/// One metric of a run (error_rate = failed / total).
double metric(const emu::RunResult& result, const std::string& name);

struct Plan {
    design::Design design;
    emu::RunSettings settings;
    std::vector<Parameter> parameters;
    std::size_t replications = 1;
};

struct PointResult {
    std::vector<nlohmann::json> values;
    std::vector<std::vector<double>> samples; ///< per metric, per replication
};

/// Runs every point of the plan `replications` times on `jobs` threads (each run single
/// threaded and deterministic); `progress(done, total)` is called from the calling thread.
std::vector<PointResult> run(const Plan& plan, unsigned jobs,
                             const std::function<void(std::size_t, std::size_t)>& progress);

/// The experiment's result document (docs/experiments.md).
nlohmann::json toJson(const Plan& plan, const std::vector<PointResult>& points);
/// One row per point: parameter values, then mean, low and high of each metric.
std::string toCsv(const Plan& plan, const std::vector<PointResult>& points);

} // namespace sb::experiments
