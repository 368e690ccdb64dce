#pragma once

#include "design/Design.h"
#include "emulator/RunResult.h"
#include "practice/Grader.h"
#include "practice/Lesson.h"
#include "timeline/Explanation.h"
#include "timeline/Timeline.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sb::practice {

/// A goal checked on the run: met or missed, with the checks that measured it (one per
/// fault for a per-fault goal about every fault).
struct GoalOutcome {
    LessonGoal goal;
    bool bonus = false;
    std::vector<Check> checks;
    bool met() const;
};

/// What a lesson's run showed: each goal met or missed with its evidence, what happened
/// (the explanation of the run's timeline) and the lesson's debrief filled in with the
/// run's numbers.
struct Debrief {
    std::string lesson;
    int step = 0;
    std::string title;
    std::string design;
    std::uint64_t seed = 0;
    double durationSeconds = 0, offeredRps = 0;
    std::vector<ResolvedFault> faults;
    std::vector<GoalOutcome> goals; ///< the goals, then the bonus
    std::vector<timeline::Sentence> happened;
    std::string text;     ///< the lesson's debrief template filled in
    std::string runError; ///< the engine could not finish the run

    bool goalsMet() const; ///< every goal but the bonus met, and the run finished
    bool bonusMet() const;
    LessonProgress progress() const; ///< Tried, GoalsMet or BonusMet
};

/// `candidate` as the lesson runs it: its problem's traffic and faults (gradedDesign), its
/// run length and seed. `resolved` receives what each fault hit.
design::Design lessonDesign(const Lesson& lesson, const design::Design& candidate,
                            std::vector<ResolvedFault>* resolved = nullptr);

/// Judges a finished run of `ran` (a lessonDesign, or one edited from it): `result` and the
/// timeline recorded along it.
Debrief debriefRun(const Lesson& lesson, const design::Design& ran, const emu::RunResult& result,
                   const timeline::Timeline& recorded);

/// Runs `candidate` as the lesson does (on the calling thread, `seed` in place of the
/// lesson's when given), records its timeline and judges it.
Debrief runLesson(const Lesson& lesson, const design::Design& candidate,
                  std::optional<std::uint64_t> seed = std::nullopt);

/// The debrief as JSON (docs/lessons.md).
nlohmann::json toJson(const Debrief& debrief);
/// The debrief as text for a terminal.
std::string formatDebrief(const Debrief& debrief);

} // namespace sb::practice
