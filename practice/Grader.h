#pragma once

#include "design/Design.h"
#include "emulator/RunResult.h"
#include "practice/Cost.h"
#include "practice/Problem.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sb::practice {

/// One requirement checked against the runs: pass or fail, the measured value (the worst
/// over the seeds), the target and why.
/// The measured series behind a check, from its worst run: the chart around the moment.
struct Evidence {
    double fromSeconds = 0, toSeconds = 0;
    std::vector<double> time; ///< series row times (each row ends there)
    /// Series columns of the run ("throughput_rps", "latency_p99_ms", ...), one value a row.
    std::vector<std::pair<std::string, std::vector<double>>> lines;
    struct Event {
        double atSeconds = 0;
        std::string kind, node;
    };
    std::vector<Event> events; ///< the run's events in the stretch
};

struct Check {
    std::string id;    ///< "p99_ms", "error_rate", "availability", "lost_writes", ...
    std::string label; ///< what it is about, for people
    std::string fault; ///< availability: the fault's name; empty otherwise
    bool passed = false;
    double measured = 0;
    double target = 0;
    std::string comparison; ///< "<=" or ">="
    std::string unit;       ///< "ms", "fraction", "writes", the currency
    std::uint64_t seed = 0; ///< the seed of the worst run; 0 for the cost (not run)
    std::string why;        ///< a sentence with the evidence
    Evidence evidence;      ///< empty for the cost
};

struct GradeOptions {
    std::vector<std::uint64_t> seeds;   ///< empty = the problem's own
    unsigned jobs = 0;                  ///< threads; 0 = one per seed, at most the cores
    const PriceTable* prices = nullptr; ///< null = the built-in table
};

/// The grader's verdict on one design for one problem.
struct Scorecard {
    std::string problem;
    std::string design;
    std::vector<std::uint64_t> seeds;
    double durationSeconds = 0, warmupSeconds = 0;
    double offeredRps = 0; ///< the peak rate driven
    std::vector<ResolvedFault> faults;
    std::vector<Check> checks;
    CostEstimate cost;
    /// The design review's findings (single points of failure, ...): advice, not scored.
    std::vector<std::string> findings;
    /// Runs the engine could not finish (an event handler threw): the run and the reason.
    std::vector<std::string> runErrors;

    bool passed() const; ///< every check passed and every run finished
};

/// Runs `candidate` under the problem's traffic and faults (gradedDesign), once per seed
/// on parallel threads, and checks every requirement the problem sets against the
/// measured results; deterministic for a given seed set.
/// Kinds and roles come from the built-in component registry.
Scorecard grade(const Problem& problem, const design::Design& candidate,
                const GradeOptions& options = {});

/// Checks every run-measured target of `requirements` (all but the budget) against `runs`,
/// the results of `seeds` (one each): a check's value is the worst over the runs. `faults`,
/// as resolved against the design run, give the availability and recovery windows;
/// `offeredRps` is the rate driven. grade() and the lessons both check through this.
std::vector<Check> checkRuns(const Requirements& requirements,
                             const std::vector<emu::RunResult>& runs,
                             const std::vector<std::uint64_t>& seeds,
                             const std::vector<ResolvedFault>& faults, double durationSeconds,
                             double offeredRps);

/// One check as the scorecard and the lesson debrief write it (the scorecard adds its seed and
/// evidence).
nlohmann::json toJson(const Check& check);
/// The scorecard as JSON (docs/practice.md, "Scorecard").
nlohmann::json toJson(const Scorecard& card);
/// A check's measured value or target as people read it: "93.1%" for a fraction,
/// "96.7 ms" (one decimal) for the rest.
std::string formatCheckValue(double value, const std::string& unit);
/// The scorecard as text for a terminal.
std::string formatScorecard(const Scorecard& card);

} // namespace sb::practice
