#include "practice/LessonRun.h"

#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/PropertySpec.h"
#include "emulator/RunControl.h"
#include "practice/DebriefTemplate.h"
#include "timeline/TimelineRecorder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <map>

namespace sb::practice {

namespace {

/// `v` rounded to `decimals` (0 or 1) places, as design numbers are written.
std::string rounded(double v, int decimals) {
    const double scale = decimals > 0 ? 10 : 1;
    return design::formatNumber(std::round(v * scale) / scale);
}

/// The one target of `goal` as the grader's requirements.
Requirements requirementsOf(const LessonGoal& goal) {
    Requirements q;
    if (goal.measure == "p99_ms")
        q.p99Ms = goal.target;
    else if (goal.measure == "error_rate")
        q.errorRate = goal.target;
    else if (goal.measure == "availability")
        q.availability = goal.target;
    else if (goal.measure == "lost_writes")
        q.lostWrites = static_cast<std::uint64_t>(goal.target);
    else if (goal.measure == "stale_read_fraction")
        q.staleReadFraction = goal.target;
    else if (goal.measure == "recovery_s")
        q.recoverySeconds = goal.target;
    else if (goal.measure == "session_misses")
        q.sessionMisses = static_cast<std::uint64_t>(goal.target);
    return q;
}

GoalOutcome checkGoal(const LessonGoal& goal, bool bonus, const std::vector<emu::RunResult>& runs,
                      const Debrief& d) {
    std::vector<ResolvedFault> faults;
    for (const ResolvedFault& f : d.faults)
        if (goal.fault.empty() || f.name == goal.fault)
            faults.push_back(f);
    return {
        goal, bonus,
        checkRuns(requirementsOf(goal), runs, {d.seed}, faults, d.durationSeconds, d.offeredRps)};
}

/// The check a goal's number is: the first missed, else the first.
const Check* headline(const GoalOutcome& g) {
    for (const Check& c : g.checks)
        if (!c.passed)
            return &c;
    return g.checks.empty() ? nullptr : &g.checks.front();
}

/// The run's numbers by the debrief template's names.
std::map<std::string, std::string> placeholderValues(const Debrief& d, const emu::RunResult& r) {
    std::map<std::string, std::string> v;
    v["p99_ms"] = rounded(r.p99Ms, 1) + " ms";
    v["error_rate"] = formatCheckValue(
        r.total ? static_cast<double>(r.failed) / static_cast<double>(r.total) : 0.0, "fraction");
    v["requests"] = std::to_string(r.total);
    v["failed"] = std::to_string(r.failed);
    v["lost_writes"] = std::to_string(r.counter("lost_writes"));
    v["stale_reads"] = std::to_string(r.counter("stale_reads"));
    v["offered_rps"] = rounded(d.offeredRps, 0) + " req/s";
    double from = 0;
    if (!d.faults.empty()) {
        const ResolvedFault& f = d.faults.front();
        from = f.atSeconds;
        v["fault"] = f.name;
        v["fault_at_s"] = design::formatNumber(f.atSeconds) + " s";
        v["fault_end_s"] = design::formatNumber(f.durationSeconds ? f.atSeconds + *f.durationSeconds
                                                                  : d.durationSeconds) +
                           " s";
        std::string hit;
        for (const std::string& t : f.targets)
            hit += (hit.empty() ? "" : ", ") + t;
        v["hit"] = hit.empty() ? "nothing (no node matches " + f.expression + ")" : hit;
    } else {
        v["fault"] = "no fault";
        v["fault_at_s"] = v["fault_end_s"] = "-";
        v["hit"] = "nothing";
    }
    const auto first =
        std::find_if(d.happened.begin(), d.happened.end(),
                     [from](const timeline::Sentence& s) { return s.seconds >= from - 1e-9; });
    v["first_moment"] =
        first == d.happened.end() ? "nothing went wrong that the timeline shows" : first->text;
    for (const GoalOutcome& g : d.goals)
        if (const Check* c = headline(g))
            v["goal." + g.goal.id] = formatCheckValue(c->measured, c->unit);
    return v;
}

} // namespace

bool GoalOutcome::met() const {
    return !checks.empty() &&
           std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.passed; });
}

bool Debrief::goalsMet() const {
    return runError.empty() && std::all_of(goals.begin(), goals.end(),
                                           [](const GoalOutcome& g) { return g.bonus || g.met(); });
}

bool Debrief::bonusMet() const {
    return runError.empty() && std::any_of(goals.begin(), goals.end(),
                                           [](const GoalOutcome& g) { return g.bonus && g.met(); });
}

LessonProgress Debrief::progress() const {
    if (!goalsMet())
        return LessonProgress::Tried;
    return bonusMet() ? LessonProgress::BonusMet : LessonProgress::GoalsMet;
}

design::Design lessonDesign(const Lesson& lesson, const design::Design& candidate,
                            std::vector<ResolvedFault>* resolved) {
    return gradedDesign(lesson.problem, candidate, comp::ComponentRegistry::builtin(), resolved);
}

Debrief debriefRun(const Lesson& lesson, const design::Design& ran, const emu::RunResult& result,
                   const timeline::Timeline& recorded) {
    Debrief d;
    d.lesson = lesson.id;
    d.step = lesson.step;
    d.title = lesson.title;
    d.design = ran.name;
    d.seed = result.settings.seed;
    d.durationSeconds = result.settings.durationSeconds;
    d.offeredRps = lesson.problem.traffic.peakRps();
    d.runError = result.error;
    lessonDesign(lesson, ran, &d.faults);
    d.happened = timeline::explain(recorded, &ran);
    const std::vector<emu::RunResult> runs{result};
    for (const LessonGoal& g : lesson.goals)
        d.goals.push_back(checkGoal(g, false, runs, d));
    d.goals.push_back(checkGoal(lesson.bonus, true, runs, d));
    d.text = fillTemplate(lesson.debrief, placeholderValues(d, result));
    return d;
}

Debrief runLesson(const Lesson& lesson, const design::Design& candidate,
                  std::optional<std::uint64_t> seed) {
    design::Design d = lessonDesign(lesson, candidate);
    if (seed)
        d.run.seed = *seed;
    const emu::RunSettings settings = comp::runSettingsFor(d);
    emu::RunControl control(
        comp::buildSimulation(d, comp::ComponentRegistry::builtin(), settings.seed), settings);
    timeline::TimelineRecorder recorder;
    control.watch(&recorder);
    const emu::RunResult& result = control.runHere();
    recorder.complete(result);
    return debriefRun(lesson, d, result, recorder.timeline());
}

nlohmann::json toJson(const Debrief& d) {
    nlohmann::json goals = nlohmann::json::array();
    for (const GoalOutcome& g : d.goals) {
        nlohmann::json checks = nlohmann::json::array();
        for (const Check& c : g.checks)
            checks.push_back(toJson(c));
        nlohmann::json j{{"id", g.goal.id},           {"text", g.goal.text},
                         {"measure", g.goal.measure}, {"target", g.goal.target},
                         {"bonus", g.bonus},          {"met", g.met()},
                         {"checks", checks}};
        if (!g.met())
            j["if_missed"] = g.goal.ifMissed;
        goals.push_back(std::move(j));
    }
    nlohmann::json faults = nlohmann::json::array();
    for (const ResolvedFault& f : d.faults) {
        nlohmann::json j{
            {"name", f.name}, {"action", f.action}, {"at_s", f.atSeconds}, {"hit", f.targets}};
        if (f.durationSeconds)
            j["duration_s"] = *f.durationSeconds;
        faults.push_back(std::move(j));
    }
    return {{"format", "scaleboard-lesson-debrief"},
            {"version", 1},
            {"lesson", d.lesson},
            {"step", d.step},
            {"title", d.title},
            {"design", d.design},
            {"seed", d.seed},
            {"duration_s", d.durationSeconds},
            {"offered_rps", d.offeredRps},
            {"faults", faults},
            {"goals_met", d.goalsMet()},
            {"bonus_met", d.bonusMet()},
            {"progress", progressKey(d.progress())},
            {"goals", goals},
            {"what_happened", timeline::toJson(d.happened)},
            {"debrief", d.text},
            {"run_error", d.runError}};
}

std::string formatDebrief(const Debrief& d) {
    std::string out = "Lesson " + std::to_string(d.step) + ": " + d.title + "\nDesign '" +
                      (d.design.empty() ? std::string("(untitled)") : d.design) + "', seed " +
                      std::to_string(d.seed) + ", " + design::formatNumber(d.durationSeconds) +
                      " s at " + rounded(d.offeredRps, 0) + " req/s\n";
    for (const ResolvedFault& f : d.faults) {
        std::string hit;
        for (const std::string& t : f.targets)
            hit += (hit.empty() ? "" : ", ") + t;
        out += "Fault '" + f.name + "': " + f.action + " " +
               (hit.empty() ? std::string("(nothing matches)") : hit) + " at " +
               design::formatNumber(f.atSeconds) + " s" +
               (f.durationSeconds ? " for " + design::formatNumber(*f.durationSeconds) + " s"
                                  : std::string()) +
               "\n";
    }
    out += "\n";
    for (const GoalOutcome& g : d.goals) {
        out += std::string(g.bonus ? "BONUS " : "GOAL  ") + (g.met() ? "MET     " : "MISSED  ") +
               g.goal.text + "\n";
        for (const Check& c : g.checks)
            out += "      " + formatCheckValue(c.measured, c.unit) + " (target " + c.comparison +
                   " " + formatCheckValue(c.target, c.unit) + "): " + c.why + "\n";
        if (!g.met())
            out += "      Why: " + g.goal.ifMissed + "\n";
    }
    if (!d.runError.empty())
        out += "The run did not finish: " + d.runError + "\n";
    if (!d.happened.empty())
        out += "\nWhat happened\n" + timeline::formatExplanation(d.happened);
    out += "\nDebrief\n" + d.text + "\n";
    std::size_t met = 0, goals = 0;
    for (const GoalOutcome& g : d.goals)
        if (!g.bonus) {
            ++goals;
            met += g.met() ? 1 : 0;
        }
    out += "\n" + std::string(d.goalsMet() ? "GOALS MET" : "GOALS MISSED") + ": " +
           std::to_string(met) + " of " + std::to_string(goals) + " goals met; bonus " +
           (d.bonusMet() ? "met" : "missed") + "\n";
    return out;
}

} // namespace sb::practice
