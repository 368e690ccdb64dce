#pragma once

#include "design/ComponentDescriptor.h"
#include "practice/Problem.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::practice {

inline constexpr const char* kLessonFormat = "scaleboard-lesson";
inline constexpr int kLessonVersion = 1;

/// One goal of a lesson: a target of the problem format checked on the lesson's run.
struct LessonGoal {
    std::string id;   ///< unique in the lesson; the debrief template's {goal.ID}
    std::string text; ///< what to achieve, for people
    /// p99_ms, error_rate, availability, lost_writes, stale_read_fraction or recovery_s
    std::string measure;
    double target = 0;
    /// availability and recovery_s: the name of the problem's fault it is about; empty
    /// means every fault.
    std::string fault;
    std::string ifMissed; ///< why a design misses it: said in the debrief when it does
};

/// One step of the guided path (a file of resources/lessons/, format docs/lessons.md): a
/// briefing, goals and a bonus goal measured on one run of the step's design under its
/// scaling-path problem's traffic and fault, and a debrief filled in from that run.
struct Lesson {
    std::string id; ///< file name without ".json"
    int step = 0;   ///< 1 to 11, the order of the path
    std::string title;
    Problem problem; ///< the step's problem with the lesson's run length and seed
    std::string briefing;
    std::vector<LessonGoal> goals; ///< at least one
    LessonGoal bonus;
    std::string debrief; ///< a template: {placeholders} filled in from the run
};

/// The outcome of reading a lesson: the lesson when it is valid, and every error found.
struct LessonLoad {
    std::optional<Lesson> lesson;
    std::vector<std::string> errors;
    bool ok() const { return lesson.has_value(); }
};

/// Reads a lesson from JSON text; `id` names it. Its problem must be a built-in problem,
/// its faults must be inside the run, and its debrief may use only the known placeholders
/// (docs/lessons.md) and {goal.ID} of its own goals.
LessonLoad readLesson(std::string_view text, const std::string& id);

/// The built-in lessons (resources/lessons/), in step order. A built-in file that does not
/// read is a build defect: test_practice_lessons reads every one.
const std::vector<Lesson>& builtinLessons();
/// A built-in lesson by id or by step number ("4"); null when there is none.
const Lesson* findLesson(std::string_view idOrStep);

/// How far someone got with a lesson, the best of their runs.
enum class LessonProgress { NotStarted, Tried, GoalsMet, BonusMet };
/// "not_started", "tried", "goals_met", "bonus_met".
const char* progressKey(LessonProgress progress);
/// The inverse of progressKey; NotStarted for anything else.
LessonProgress progressFromKey(std::string_view key);
/// The better of two.
LessonProgress bestProgress(LessonProgress a, LessonProgress b);
/// The lesson to take next: the first in step order whose goals are not met yet, else the
/// first whose bonus is not met; -1 when every bonus is met. `progress` is in the order of
/// builtinLessons().
int suggestedLesson(const std::vector<LessonProgress>& progress);

} // namespace sb::practice
