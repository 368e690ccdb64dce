#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sb::ws {

/// One target of a graded attempt: met or missed, with the value measured (the worst over
/// the seeds) and the target it was held to.
struct AttemptTarget {
    std::string id;    ///< the check's id: "p99_ms", "availability", "budget_monthly", ...
    std::string label; ///< "p99 latency", "answered while a web server fails", ...
    bool met = false;
    double measured = 0;
    double target = 0;
    std::string comparison; ///< "<=" or ">="
    std::string unit;       ///< "ms", "fraction", "writes", "s", the currency

    bool operator==(const AttemptTarget&) const = default;
};

/// One of the candidate's own estimates, against the problem's computed envelope.
struct AttemptEstimate {
    std::string quantity; ///< "average_qps", "peak_qps", "storage_bytes", ...
    double estimate = 0;
    double computed = 0;
    double factorOff = 1; ///< max(estimate/computed, computed/estimate); 1 = exact

    bool operator==(const AttemptEstimate&) const = default;
};

/// One graded practice attempt kept in a workspace (schema 5): what was graded against
/// which problem, each target met or missed, and how the candidate got there.
struct AttemptRecord {
    std::int64_t id = 0;    ///< assigned by the workspace when 0
    std::string recordedAt; ///< ISO 8601 UTC, as RunRecord::startedAt; given by the caller
    std::string problem;    ///< the problem's id ("news-feed")
    /// The design graded, as its design file (design::writeDesign).
    nlohmann::json design = nlohmann::json::object();
    std::vector<std::uint64_t> seeds;
    std::vector<AttemptTarget> targets;
    int score = 0;       ///< the share of the targets met, in percent (0-100)
    bool passed = false; ///< every target met and every run finished
    /// The estimates the candidate checked; empty when none were typed.
    std::vector<AttemptEstimate> estimates;
    int hintsUsed = 0;
    std::int64_t timeTakenSeconds = 0; ///< on the practice clock; 0 when it was not running

    bool operator==(const AttemptRecord&) const = default;
};

/// The lists an attempt row stores as JSON texts (docs/workspace-format.md).
nlohmann::json toJson(const std::vector<AttemptTarget>& targets);
nlohmann::json toJson(const std::vector<AttemptEstimate>& estimates);

/// Reads an attempt row's stored lists into `attempt` (seeds, targets, estimates), checking
/// the shape the readers rely on; returns what is wrong, or an empty string.
std::string readAttemptLists(const nlohmann::json& seeds, const nlohmann::json& targets,
                             const nlohmann::json& estimates, AttemptRecord& attempt);

} // namespace sb::ws
