#pragma once

#include "experiments/Experiment.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sb::experiments {

inline constexpr const char* kExperimentFormat = "scaleboard-experiment";
inline constexpr int kExperimentVersion = 1;

/// An experiment file (docs/experiments.md): what to run, not yet bound to a loaded
/// design. Every field but `design` is optional; command-line options override them.
struct ExperimentFile {
    std::string design; ///< the design file, relative to the experiment file's folder
    std::vector<Parameter> parameters;
    std::optional<std::size_t> replications;
    std::optional<double> durationSeconds, warmupSeconds;
    std::optional<std::uint64_t> seed;
    std::vector<std::string> metrics;
    std::vector<Target> targets;
    std::string minimise;        ///< for `plan`: `cost` or NODE.PROPERTY
    std::size_t runsPerTask = 0; ///< set in a Slurm manifest (`--emit slurm`)
};

/// Whether a JSON document is an experiment file (its `format`), not a design.
bool isExperimentFile(const nlohmann::json& document);

/// Reads an experiment file; throws std::invalid_argument naming the key that is wrong.
ExperimentFile readExperimentFile(const nlohmann::json& document);

/// The experiment file of a bound plan, every setting explicit (the manifest a Slurm
/// directory carries); `design` is written as given. readExperimentFile reads it back to
/// the same plan.
nlohmann::json experimentFileJson(const Plan& plan, const std::string& design,
                                  std::size_t runsPerTask);

} // namespace sb::experiments
