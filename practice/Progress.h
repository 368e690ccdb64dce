#pragma once

#include "design/Design.h"
#include "practice/Envelope.h"
#include "practice/Grader.h"
#include "workspace/AttemptRecord.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sb::practice {

/// What the candidate brought to a graded attempt besides the design.
struct AttemptContext {
    std::string recordedAt; ///< ISO 8601 UTC, from the caller's clock
    int hintsUsed = 0;
    std::vector<EstimateCheck> estimates; ///< the estimates checked; empty when none
    std::int64_t timeTakenSeconds = 0;    ///< on the practice clock
};

/// The share of a scorecard's checks met, in percent (0-100, rounded down).
int scoreOf(const Scorecard& card);

/// The workspace record of `graded` graded as `card` says (docs/practice.md, "Progress").
ws::AttemptRecord attemptRecord(const Scorecard& card, const design::Design& graded,
                                const AttemptContext& context);

/// One problem's attempts, summed up.
struct ProblemProgress {
    std::string problem; ///< its id
    std::string title;   ///< a built-in problem's title; the id for another
    std::size_t attempts = 0;
    int bestScore = 0;
    bool everPassed = false;
    std::int64_t totalSeconds = 0;          ///< time taken over every attempt
    ws::AttemptRecord last;                 ///< the newest attempt
    std::vector<ws::AttemptRecord> history; ///< every attempt, oldest first
};

/// The labels of the targets `attempt` missed, in its order.
std::vector<std::string> missedTargets(const ws::AttemptRecord& attempt);

/// The attempts by problem, in the order each problem was first attempted.
std::vector<ProblemProgress> progressByProblem(const std::vector<ws::AttemptRecord>& attempts);

/// A time taken as the practice clock shows it: "25:12", "1:02:03".
std::string formatDuration(std::int64_t seconds);

/// The progress as JSON (docs/practice.md, "Progress"): `damage` names rows of the
/// workspace that were left out.
nlohmann::json toJson(const std::vector<ProblemProgress>& progress,
                      const std::vector<std::string>& damage);
/// The progress as a text table for a terminal.
std::string formatProgress(const std::vector<ProblemProgress>& progress);

} // namespace sb::practice
