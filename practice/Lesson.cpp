#include "practice/Lesson.h"

#include "design/BoundedJson.h"
#include "design/PropertySpec.h"
#include "practice/DebriefTemplate.h"
#include "practice/EmbeddedTexts.h"
#include "practice/FieldReader.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace sb::practice {

namespace {

using nlohmann::json;

/// The measures a goal may set, with their range (a target of the problem format).
struct Measure {
    const char* name;
    double min, max;
    bool whole;    ///< a count
    bool perFault; ///< measured over a fault's window
};
constexpr Measure kMeasures[] = {
    {"p99_ms", 0.001, 600000, false, false},     {"error_rate", 0, 1, false, false},
    {"availability", 0, 1, false, true},         {"lost_writes", 0, 1e12, true, false},
    {"stale_read_fraction", 0, 1, false, false}, {"recovery_s", 0, 3600, false, true},
    {"session_misses", 0, 1e12, true, false},
};

std::optional<LessonGoal> readGoal(FieldReader& r, const json& g, const std::string& path,
                                   const Problem& problem) {
    if (!r.object(g, path, {"id", "text", "measure", "target", "fault", "if_missed"}))
        return std::nullopt;
    LessonGoal goal;
    goal.id = r.text(g, path, "id", true);
    goal.text = r.text(g, path, "text", true);
    goal.measure = r.text(g, path, "measure", true);
    goal.fault = r.text(g, path, "fault", false);
    goal.ifMissed = r.text(g, path, "if_missed", true);
    const Measure* measure = nullptr;
    for (const Measure& m : kMeasures)
        if (goal.measure == m.name)
            measure = &m;
    if (!measure) {
        if (!goal.measure.empty())
            r.error(path +
                    ".measure must be one of p99_ms, error_rate, availability, lost_writes, "
                    "stale_read_fraction, recovery_s, session_misses, got '" +
                    goal.measure + "'");
        return std::nullopt;
    }
    if (measure->whole)
        goal.target =
            static_cast<double>(r.whole(g, path, "target", measure->max, true).value_or(0));
    else
        goal.target = r.number(g, path, "target", measure->min, measure->max, true).value_or(0);
    if (!goal.fault.empty()) {
        if (!measure->perFault)
            r.error(path + ".fault is only for availability and recovery_s goals");
        else if (std::none_of(problem.faults.begin(), problem.faults.end(),
                              [&goal](const ProblemFault& f) { return f.name == goal.fault; }))
            r.error(path + ".fault: problem " + problem.id + " has no fault called '" + goal.fault +
                    "'");
    } else if (measure->perFault && problem.faults.empty()) {
        r.error(path + ": problem " + problem.id + " has no fault to measure " + goal.measure +
                " over");
    }
    return goal;
}

} // namespace

LessonLoad readLesson(std::string_view text, const std::string& id) {
    LessonLoad load;
    std::string parseError;
    const json doc = design::parseBoundedJson(text, parseError);
    if (!parseError.empty()) {
        load.errors.push_back("the file " + parseError);
        return load;
    }
    FieldReader r(load.errors);
    if (!r.object(doc, "the lesson",
                  {"format", "version", "step", "title", "problem", "run", "briefing", "goals",
                   "bonus", "debrief"}))
        return load;
    r.header(doc, kLessonFormat, kLessonVersion, "lesson");
    Lesson l;
    l.id = id;
    l.step = static_cast<int>(r.whole(doc, "", "step", 11, true).value_or(0));
    if (doc.contains("step") && l.step < 1)
        r.error("step must be a whole number from 1 to 11, got 0");
    l.title = r.text(doc, "", "title", true);
    l.briefing = r.text(doc, "", "briefing", true);
    l.debrief = r.text(doc, "", "debrief", true);
    const std::string problemId = r.text(doc, "", "problem", true);
    const Problem* problem = problemId.empty() ? nullptr : findProblem(problemId);
    if (!problemId.empty() && !problem)
        r.error("problem: no built-in problem called '" + problemId +
                "' (scaleboard-cli problems lists them)");
    if (!problem)
        return load;
    l.problem = *problem;
    if (const auto run = doc.find("run"); run != doc.end()) {
        if (r.object(*run, "run", {"duration_s", "warmup_s", "seed"})) {
            l.problem.durationSeconds = r.number(*run, "run", "duration_s", 1, 3600, false)
                                            .value_or(l.problem.durationSeconds);
            l.problem.warmupSeconds =
                r.number(*run, "run", "warmup_s", 0, 3600, false).value_or(l.problem.warmupSeconds);
            if (run->contains("seed")) {
                const std::uint64_t seed = r.whole(*run, "run", "seed", 1e12, true).value_or(1);
                l.problem.seeds = {std::max<std::uint64_t>(seed, 1)};
            }
        }
    }
    l.problem.seeds.resize(1);
    if (l.problem.warmupSeconds >= l.problem.durationSeconds)
        r.error("run.warmup_s must be shorter than the run (" +
                design::formatNumber(l.problem.durationSeconds) + " s)");
    for (const ProblemFault& f : l.problem.faults)
        if (f.fault.atSeconds >= l.problem.durationSeconds)
            r.error("run.duration_s: the fault '" + f.name + "' of problem " + problemId +
                    " starts at " + design::formatNumber(f.fault.atSeconds) +
                    " s, after the run's end");
    if (const auto goals = doc.find("goals");
        goals == doc.end() || !goals->is_array() || goals->empty() || goals->size() > 6) {
        r.error("goals must be a list of 1 to 6 goals");
    } else {
        for (std::size_t i = 0; i < goals->size(); ++i)
            if (auto g = readGoal(r, (*goals)[i], "goals[" + std::to_string(i) + "]", l.problem))
                l.goals.push_back(std::move(*g));
    }
    if (const auto bonus = doc.find("bonus"); bonus == doc.end())
        r.error("bonus is missing (a goal)");
    else if (auto g = readGoal(r, *bonus, "bonus", l.problem))
        l.bonus = std::move(*g);
    std::set<std::string> ids;
    auto claim = [&r, &ids](const LessonGoal& g) {
        if (!g.id.empty() && !ids.insert(g.id).second)
            r.error("goal id '" + g.id + "' is used twice");
    };
    for (const LessonGoal& g : l.goals)
        claim(g);
    claim(l.bonus);
    for (const std::string& name : placeholdersOf(l.debrief))
        if (std::find(runPlaceholders().begin(), runPlaceholders().end(), name) ==
                runPlaceholders().end() &&
            !(name.starts_with("goal.") && ids.contains(name.substr(5))))
            r.error("debrief: no placeholder {" + name + "} (" + joinedRunPlaceholders() +
                    ", or goal.ID of a goal)");
    if (load.errors.empty())
        load.lesson = std::move(l);
    return load;
}

const std::vector<Lesson>& builtinLessons() {
    static const std::vector<Lesson> lessons = [] {
        std::vector<Lesson> out;
        for (const EmbeddedText& t : lessonTexts()) {
            LessonLoad load = readLesson(t.json, std::string(t.name));
            if (!load.ok())
                throw std::logic_error("built-in lesson " + std::string(t.name) +
                                       " does not read: " + load.errors.front());
            out.push_back(std::move(*load.lesson));
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const Lesson& a, const Lesson& b) { return a.step < b.step; });
        return out;
    }();
    return lessons;
}

const Lesson* findLesson(std::string_view idOrStep) {
    for (const Lesson& l : builtinLessons())
        if (l.id == idOrStep || std::to_string(l.step) == idOrStep ||
            (idOrStep.size() == 2 && idOrStep.front() == '0' &&
             std::to_string(l.step) == idOrStep.substr(1)))
            return &l;
    return nullptr;
}

const char* progressKey(LessonProgress progress) {
    switch (progress) {
    case LessonProgress::Tried:
        return "tried";
    case LessonProgress::GoalsMet:
        return "goals_met";
    case LessonProgress::BonusMet:
        return "bonus_met";
    case LessonProgress::NotStarted:
        break;
    }
    return "not_started";
}

LessonProgress progressFromKey(std::string_view key) {
    for (LessonProgress p :
         {LessonProgress::Tried, LessonProgress::GoalsMet, LessonProgress::BonusMet})
        if (key == progressKey(p))
            return p;
    return LessonProgress::NotStarted;
}

LessonProgress bestProgress(LessonProgress a, LessonProgress b) {
    return std::max(a, b);
}

int suggestedLesson(const std::vector<LessonProgress>& progress) {
    for (LessonProgress wanted : {LessonProgress::GoalsMet, LessonProgress::BonusMet})
        for (std::size_t i = 0; i < progress.size(); ++i)
            if (progress[i] < wanted)
                return static_cast<int>(i);
    return -1;
}

} // namespace sb::practice
