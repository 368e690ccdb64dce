#include "practice/Progress.h"

#include "design/DesignJson.h"
#include "practice/Problem.h"

#include <algorithm>
#include <cstdio>

namespace sb::practice {

namespace {

nlohmann::json attemptJson(const ws::AttemptRecord& a) {
    return {{"id", a.id},
            {"recorded_at", a.recordedAt},
            {"design", a.design.value("name", std::string())},
            {"score", a.score},
            {"passed", a.passed},
            {"seeds", a.seeds},
            {"hints_used", a.hintsUsed},
            {"time_taken_s", a.timeTakenSeconds},
            {"missed", missedTargets(a)},
            {"targets", ws::toJson(a.targets)},
            {"estimates", ws::toJson(a.estimates)}};
}

/// `text` cut or padded to `width` characters (ASCII), for the table's columns.
std::string column(std::string text, std::size_t width) {
    if (text.size() > width)
        text = text.substr(0, width - 3) + "...";
    text.resize(width, ' ');
    return text;
}

std::string lastResult(const ws::AttemptRecord& a) {
    return std::string(a.passed ? "passed" : "not yet") + ", " + std::to_string(a.score) + "%";
}

} // namespace

int scoreOf(const Scorecard& card) {
    if (card.checks.empty())
        return 0;
    const auto met = std::count_if(card.checks.begin(), card.checks.end(),
                                   [](const Check& c) { return c.passed; });
    return static_cast<int>(met * 100 / static_cast<std::ptrdiff_t>(card.checks.size()));
}

ws::AttemptRecord attemptRecord(const Scorecard& card, const design::Design& graded,
                                const AttemptContext& context) {
    ws::AttemptRecord a;
    a.recordedAt = context.recordedAt;
    a.problem = card.problem;
    a.design = nlohmann::json::parse(design::writeDesign(graded));
    a.seeds = card.seeds;
    for (const Check& c : card.checks)
        a.targets.push_back({c.id, c.label, c.passed, c.measured, c.target, c.comparison, c.unit});
    a.score = scoreOf(card);
    a.passed = card.passed();
    for (const EstimateCheck& e : context.estimates)
        a.estimates.push_back({e.quantity, e.estimate, e.computed, e.factorOff});
    a.hintsUsed = context.hintsUsed;
    a.timeTakenSeconds = context.timeTakenSeconds;
    return a;
}

std::vector<std::string> missedTargets(const ws::AttemptRecord& attempt) {
    std::vector<std::string> missed;
    for (const ws::AttemptTarget& t : attempt.targets)
        if (!t.met)
            missed.push_back(t.label);
    return missed;
}

std::vector<ProblemProgress> progressByProblem(const std::vector<ws::AttemptRecord>& attempts) {
    std::vector<ProblemProgress> out;
    for (const ws::AttemptRecord& a : attempts) {
        auto it = std::find_if(out.begin(), out.end(),
                               [&a](const ProblemProgress& p) { return p.problem == a.problem; });
        if (it == out.end()) {
            ProblemProgress p;
            p.problem = a.problem;
            const Problem* known = findProblem(a.problem);
            p.title = known ? known->title : a.problem;
            out.push_back(std::move(p));
            it = out.end() - 1;
        }
        ++it->attempts;
        it->bestScore = std::max(it->bestScore, a.score);
        it->everPassed = it->everPassed || a.passed;
        it->totalSeconds += a.timeTakenSeconds;
        it->last = a;
        it->history.push_back(a);
    }
    return out;
}

std::string formatDuration(std::int64_t seconds) {
    const std::int64_t s = std::max<std::int64_t>(0, seconds);
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
    return text;
}

nlohmann::json toJson(const std::vector<ProblemProgress>& progress,
                      const std::vector<std::string>& damage) {
    nlohmann::json problems = nlohmann::json::array();
    std::size_t attempts = 0;
    for (const ProblemProgress& p : progress) {
        nlohmann::json history = nlohmann::json::array();
        for (const ws::AttemptRecord& a : p.history)
            history.push_back(attemptJson(a));
        problems.push_back({{"problem", p.problem},
                            {"title", p.title},
                            {"attempts", p.attempts},
                            {"best_score", p.bestScore},
                            {"passed", p.everPassed},
                            {"total_time_taken_s", p.totalSeconds},
                            {"last", attemptJson(p.last)},
                            {"history", history}});
        attempts += p.attempts;
    }
    return {{"format", "scaleboard-progress"},
            {"version", 1},
            {"attempts", attempts},
            {"problems", problems},
            {"damage", damage}};
}

std::string formatProgress(const std::vector<ProblemProgress>& progress) {
    if (progress.empty())
        return "No practice attempts recorded yet (scaleboard-cli grade DESIGN --problem NAME "
               "--record WORKSPACE, or Evaluate in the window's Practice dock).\n";
    std::size_t attempts = 0;
    for (const ProblemProgress& p : progress)
        attempts += p.attempts;
    std::string out = "Practice progress: " + std::to_string(attempts) +
                      (attempts == 1 ? " attempt" : " attempts") + " at " +
                      std::to_string(progress.size()) +
                      (progress.size() == 1 ? " problem" : " problems") + "\n\n" +
                      column("Problem", 32) + " Attempts  Best  " + column("Last", 14) + " " +
                      column("Time taken", 11) + " Missed last time\n";
    for (const ProblemProgress& p : progress) {
        std::string missed;
        for (const std::string& m : missedTargets(p.last))
            missed += (missed.empty() ? "" : "; ") + m;
        char counts[32];
        std::snprintf(counts, sizeof counts, " %8zu  %3d%%  ", p.attempts, p.bestScore);
        out += column(p.problem, 32) + counts + column(lastResult(p.last), 14) + " " +
               column(formatDuration(p.last.timeTakenSeconds), 11) + " " +
               (missed.empty() ? "-" : missed) + "\n";
    }
    return out;
}

} // namespace sb::practice
