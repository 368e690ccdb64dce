#include "practice/Grader.h"

#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/PropertySpec.h"
#include "emulator/Request.h"
#include "emulator/RunResult.h"
#include "review/DesignReview.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <optional>
#include <thread>

namespace sb::practice {

namespace {

std::string fixed(double v, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

std::string percent(double fraction) {
    return fixed(100 * fraction, fraction < 0.001 && fraction > 0 ? 3 : 1) + "%";
}

std::string seconds(double s) {
    return design::formatNumber(std::round(s * 10) / 10) + " s";
}

/// The measured node busiest over the window: "web1 at 98.2% utilisation".
std::string busiest(const emu::RunResult& r) {
    const emu::NodeResult* top = nullptr;
    for (const auto& n : r.nodes)
        if (!top || n.utilization > top->utilization)
            top = &n;
    if (!top || top->utilization <= 0)
        return {};
    return "the busiest node was " + top->id + " at " + percent(top->utilization) + " utilisation";
}

/// The commonest failure reasons with the node that failed most for each.
std::string failureReasons(const emu::RunResult& r, std::size_t most = 3) {
    std::vector<std::pair<std::uint64_t, std::size_t>> reasons;
    for (std::size_t code = 0; code < r.failedByReason.size(); ++code)
        if (r.failedByReason[code] > 0)
            reasons.emplace_back(r.failedByReason[code], code);
    std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::string out;
    for (std::size_t i = 0; i < reasons.size() && i < most; ++i) {
        const auto [count, code] = reasons[i];
        const emu::NodeResult* where = nullptr;
        for (const auto& n : r.nodes)
            if (n.failures[code] > 0 && (!where || n.failures[code] > where->failures[code]))
                where = &n;
        out += (out.empty() ? "" : ", ") +
               std::string(r.reasonName(static_cast<emu::FailReason>(code))) + " " +
               std::to_string(count) + (where ? " (most at " + where->id + ")" : "");
    }
    return out;
}

/// Events of the run from `from` to `to` seconds, the first few: "node_failed web1 at 15 s".
std::string eventsBetween(const emu::RunResult& r, double from, double to, std::size_t most = 4) {
    std::string out;
    std::size_t shown = 0;
    for (const auto& e : r.events) {
        const double t = emu::toSeconds(e.time);
        if (t < from - 1e-9 || t > to + 1e-9)
            continue;
        if (++shown > most)
            break;
        out += (out.empty() ? "" : ", ") + e.kind + (e.node.empty() ? "" : " " + e.node) + " at " +
               seconds(t);
    }
    return out;
}

/// The share of offered requests answered between `from` and `to` seconds, from the
/// series (each row covers the interval ending at its time).
double answeredShare(const emu::RunResult& r, double from, double to) {
    const int ok = r.series.column("throughput_rps");
    const int offered = r.series.column("offered_rps");
    if (ok < 0 || offered < 0)
        return 0;
    double answered = 0, asked = 0;
    const auto& time = r.series.time();
    for (std::size_t i = 0; i < time.size(); ++i)
        if (time[i] > from + 1e-9 && time[i] <= to + 1e-9) {
            answered += r.series.values(static_cast<std::size_t>(ok))[i];
            asked += r.series.values(static_cast<std::size_t>(offered))[i];
        }
    return asked > 0 ? std::min(1.0, answered / asked) : 1.0;
}

/// The share of offered requests a second must answer to count as recovered.
constexpr double kRecoveredShare = 0.9;

/// Seconds from `from` until the answered share of a whole second (answeredShare from
/// `from` + k to `from` + k + 1) is back at kRecoveredShare or more after it first fell
/// below it; 0 when it never fell, nothing when it had not recovered by `end`.
std::optional<double> recoveryTime(const emu::RunResult& r, double from, double end) {
    bool fell = false;
    for (double k = 0; from + k + 1 <= end + 1e-9; ++k) {
        const double share = answeredShare(r, from + k, from + k + 1);
        if (!fell)
            fell = share < kRecoveredShare;
        else if (share >= kRecoveredShare)
            return k;
    }
    if (fell)
        return std::nullopt;
    return 0.0;
}

/// The series `columns` of `r` from `from` to `to` seconds, with the events between.
Evidence evidenceOf(const emu::RunResult& r, double from, double to,
                    const std::vector<std::string>& columns) {
    Evidence e;
    e.fromSeconds = from;
    e.toSeconds = to;
    const auto& time = r.series.time();
    std::size_t first = time.size(), last = 0;
    for (std::size_t i = 0; i < time.size(); ++i)
        if (time[i] > from - 1e-9 && time[i] <= to + 1e-9) {
            first = std::min(first, i);
            last = i + 1;
        }
    if (first >= last)
        return e;
    e.time.assign(time.begin() + static_cast<std::ptrdiff_t>(first),
                  time.begin() + static_cast<std::ptrdiff_t>(last));
    for (const std::string& name : columns)
        if (const int c = r.series.column(name); c >= 0) {
            const auto& v = r.series.values(static_cast<std::size_t>(c));
            e.lines.emplace_back(
                name, std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(first),
                                          v.begin() + static_cast<std::ptrdiff_t>(last)));
        }
    for (const auto& ev : r.events) {
        const double t = emu::toSeconds(ev.time);
        if (t >= from - 1e-9 && t <= to + 1e-9 && e.events.size() < 50)
            e.events.push_back({t, ev.kind, ev.node});
    }
    return e;
}

double errorRate(const emu::RunResult& r) {
    return r.total ? static_cast<double>(r.failed) / static_cast<double>(r.total) : 0;
}

double staleFraction(const emu::RunResult& r) {
    const auto reads = r.okByClass[static_cast<std::size_t>(emu::RequestClass::Read)];
    return reads ? static_cast<double>(r.counter("stale_reads")) / static_cast<double>(reads) : 0;
}

/// The worst run for a measure: the largest value for an upper bound, the smallest for a
/// lower one (the first seed on a tie).
template <typename Measure>
std::size_t worstRun(const std::vector<emu::RunResult>& runs, bool upper, Measure measure) {
    std::size_t worst = 0;
    for (std::size_t i = 1; i < runs.size(); ++i)
        if (upper ? measure(runs[i]) > measure(runs[worst])
                  : measure(runs[i]) < measure(runs[worst]))
            worst = i;
    return worst;
}

std::string money(double v, const std::string& currency) {
    return fixed(v, 0) + " " + currency;
}

} // namespace

bool Scorecard::passed() const {
    return runErrors.empty() &&
           std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.passed; });
}

std::vector<Check> checkRuns(const Requirements& requirements,
                             const std::vector<emu::RunResult>& runs,
                             const std::vector<std::uint64_t>& seeds,
                             const std::vector<ResolvedFault>& faults, double durationSeconds,
                             double offeredRps) {
    std::vector<Check> checks;
    const Requirements& q = requirements;
    auto seedOf = [&seeds](std::size_t i) { return seeds[i]; };
    if (q.p99Ms) {
        const std::size_t w = worstRun(runs, true, [](const emu::RunResult& r) { return r.p99Ms; });
        const emu::RunResult& r = runs[w];
        Check c{"p99_ms", "p99 latency", "",   r.p99Ms <= *q.p99Ms, r.p99Ms,
                *q.p99Ms, "<=",          "ms", seedOf(w),           "",
                {}};
        c.evidence = evidenceOf(r, 0, durationSeconds, {"latency_p99_ms"});
        const std::string top = busiest(r);
        c.why = "the 99th percentile was " + fixed(r.p99Ms, 1) + " ms at " + fixed(offeredRps, 0) +
                " req/s (seed " + std::to_string(c.seed) + "), " +
                (c.passed ? "within " : "above ") + "the " + design::formatNumber(*q.p99Ms) +
                " ms target" + (top.empty() ? "" : "; " + top);
        checks.push_back(std::move(c));
    }
    if (q.errorRate) {
        const std::size_t w = worstRun(runs, true, errorRate);
        const emu::RunResult& r = runs[w];
        Check c{"error_rate", "error rate", "",   errorRate(r) <= *q.errorRate,
                errorRate(r), *q.errorRate, "<=", "fraction",
                seedOf(w),    "",           {}};
        c.evidence = evidenceOf(r, 0, durationSeconds, {"throughput_rps", "errors_rps"});
        const std::string reasons = failureReasons(r);
        c.why = std::to_string(r.failed) + " of " + std::to_string(r.total) + " requests failed (" +
                percent(c.measured) + ", seed " + std::to_string(c.seed) + ") against at most " +
                percent(*q.errorRate) + (reasons.empty() ? "" : ": " + reasons);
        checks.push_back(std::move(c));
    }
    if (q.availability) {
        for (const ResolvedFault& f : faults) {
            const double from = f.atSeconds;
            const double to =
                f.durationSeconds ? f.atSeconds + *f.durationSeconds : durationSeconds;
            auto share = [from, to](const emu::RunResult& r) { return answeredShare(r, from, to); };
            const std::size_t w = worstRun(runs, false, share);
            const emu::RunResult& r = runs[w];
            Check c{"availability",
                    "answered while " + f.name,
                    f.name,
                    share(r) >= *q.availability,
                    share(r),
                    *q.availability,
                    ">=",
                    "fraction",
                    seedOf(w),
                    "",
                    {}};
            c.evidence = evidenceOf(r, std::max(0.0, from - 5), std::min(durationSeconds, to + 5),
                                    {"offered_rps", "throughput_rps"});
            std::string hit;
            for (const std::string& t : f.targets)
                hit += (hit.empty() ? "" : ", ") + t;
            const std::string events = eventsBetween(r, from, to);
            c.why = f.targets.empty()
                        ? "nothing in the design matches " + f.expression +
                              ", so the fault hit nothing; " + percent(c.measured) +
                              " of requests were answered from " + seconds(from) + " to " +
                              seconds(to)
                        : "while " + f.action + " hit " + hit + " (" + f.expression + ") from " +
                              seconds(from) + " to " + seconds(to) + ", " + percent(c.measured) +
                              " of offered requests were answered (seed " + std::to_string(c.seed) +
                              "; at least " + percent(*q.availability) + " needed)" +
                              (events.empty() ? "" : "; events: " + events);
            checks.push_back(std::move(c));
        }
    }
    if (q.recoverySeconds) {
        for (const ResolvedFault& f : faults) {
            const double from = f.atSeconds;
            // Not recovered ranks worst; it is reported as the rest of the run.
            auto took = [from, durationSeconds](const emu::RunResult& r) {
                return recoveryTime(r, from, durationSeconds)
                    .value_or(durationSeconds - from + 1e9);
            };
            const std::size_t w = worstRun(runs, true, took);
            const emu::RunResult& r = runs[w];
            const std::optional<double> recovered = recoveryTime(r, from, durationSeconds);
            Check c{"recovery_s",
                    "recovery after " + f.name,
                    f.name,
                    recovered && *recovered <= *q.recoverySeconds,
                    recovered.value_or(durationSeconds - from),
                    *q.recoverySeconds,
                    "<=",
                    "s",
                    seedOf(w),
                    "",
                    {}};
            c.evidence = evidenceOf(r, std::max(0.0, from - 5), durationSeconds,
                                    {"offered_rps", "throughput_rps"});
            const std::string events = eventsBetween(r, from, durationSeconds);
            const std::string back =
                !recovered ? "had not recovered to " + percent(kRecoveredShare) +
                                 " of offered requests answered by the run's end"
                : *recovered == 0
                    ? "never fell below " + percent(kRecoveredShare) +
                          " of offered requests answered"
                    : "was back at " + percent(kRecoveredShare) + " of offered requests answered " +
                          seconds(*recovered) + " after it began";
            c.why = "after " + f.name + " at " + seconds(from) + ", service " + back + " (seed " +
                    std::to_string(c.seed) + "; within " +
                    design::formatNumber(*q.recoverySeconds) + " s needed)" +
                    (events.empty() ? "" : "; events: " + events);
            checks.push_back(std::move(c));
        }
    }
    if (q.lostWrites) {
        auto lost = [](const emu::RunResult& r) {
            return static_cast<double>(r.counter("lost_writes"));
        };
        const std::size_t w = worstRun(runs, true, lost);
        const emu::RunResult& r = runs[w];
        Check c{"lost_writes",
                "lost writes",
                "",
                lost(r) <= static_cast<double>(*q.lostWrites),
                lost(r),
                static_cast<double>(*q.lostWrites),
                "<=",
                "writes",
                seedOf(w),
                "",
                {}};
        c.evidence = evidenceOf(r, 0, durationSeconds, {"lost_writes"});
        c.why = design::formatNumber(c.measured) + " acknowledged writes were lost (seed " +
                std::to_string(c.seed) + "), at most " + std::to_string(*q.lostWrites) + " allowed";
        if (!c.passed) {
            const std::string events = eventsBetween(r, 0, durationSeconds);
            c.why += events.empty() ? "" : "; events: " + events;
        }
        checks.push_back(std::move(c));
    }
    if (q.staleReadFraction) {
        const std::size_t w = worstRun(runs, true, staleFraction);
        const emu::RunResult& r = runs[w];
        Check c{"stale_read_fraction",
                "stale reads",
                "",
                staleFraction(r) <= *q.staleReadFraction,
                staleFraction(r),
                *q.staleReadFraction,
                "<=",
                "fraction",
                seedOf(w),
                "",
                {}};
        c.evidence = evidenceOf(r, 0, durationSeconds, {"stale_reads"});
        c.why = std::to_string(r.counter("stale_reads")) + " stale reads, " + percent(c.measured) +
                " of successful reads (seed " + std::to_string(c.seed) + "), at most " +
                percent(*q.staleReadFraction) + " allowed";
        checks.push_back(std::move(c));
    }
    if (q.sessionMisses) {
        auto misses = [](const emu::RunResult& r) {
            return static_cast<double>(r.counter("session_misses"));
        };
        const std::size_t w = worstRun(runs, true, misses);
        const emu::RunResult& r = runs[w];
        const double allowed = static_cast<double>(*q.sessionMisses);
        Check c{"session_misses",
                "session misses",
                "",
                misses(r) <= allowed,
                misses(r),
                allowed,
                "<=",
                "requests",
                seedOf(w),
                "",
                {}};
        // Each web server's running count: where the users lost their sessions.
        std::vector<std::string> columns;
        for (const std::string& name : r.series.columns())
            if (name.ends_with(".session_misses"))
                columns.push_back(name);
        c.evidence = evidenceOf(r, 0, durationSeconds, columns);
        c.why = design::formatNumber(c.measured) +
                " requests came from signed-in users whose session the answering server did "
                "not hold" +
                (c.measured > 0 ? std::string(", who had to sign in again") : std::string()) +
                " (seed " + std::to_string(c.seed) + "), at most " +
                std::to_string(*q.sessionMisses) + " allowed";
        if (!c.passed) {
            const std::string events = eventsBetween(r, 0, durationSeconds);
            c.why += events.empty() ? "" : "; events: " + events;
        }
        checks.push_back(std::move(c));
    }
    return checks;
}

Scorecard grade(const Problem& problem, const design::Design& candidate,
                const GradeOptions& options) {
    const auto& registry = comp::ComponentRegistry::builtin();
    Scorecard card;
    card.problem = problem.id;
    card.design = candidate.name;
    card.seeds = options.seeds.empty() ? problem.seeds : options.seeds;
    card.durationSeconds = problem.durationSeconds;
    card.warmupSeconds = problem.warmupSeconds;
    card.offeredRps = problem.traffic.peakRps();
    const design::Design graded = gradedDesign(problem, candidate, registry, &card.faults);

    std::vector<emu::RunResult> runs(card.seeds.size());
    std::vector<std::string> errors(card.seeds.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < runs.size(); i = next++) {
            try {
                emu::RunSettings settings = comp::runSettingsFor(graded);
                settings.seed = card.seeds[i];
                runs[i] = comp::runDesign(graded, settings, registry);
                errors[i] = runs[i].error;
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
        }
    };
    unsigned jobs = options.jobs;
    if (jobs == 0)
        jobs = std::max(1u, std::thread::hardware_concurrency());
    jobs = std::min<unsigned>(jobs, static_cast<unsigned>(runs.size()));
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j)
        threads.emplace_back(work);
    work();
    for (auto& t : threads)
        t.join();
    for (std::size_t i = 0; i < errors.size(); ++i)
        if (!errors[i].empty())
            card.runErrors.push_back("seed " + std::to_string(card.seeds[i]) + ": " + errors[i]);

    card.checks = checkRuns(problem.requirements, runs, card.seeds, card.faults,
                            problem.durationSeconds, card.offeredRps);
    const Requirements& q = problem.requirements;
    card.cost =
        estimateCost(candidate, options.prices ? *options.prices : builtinPrices(), registry);
    if (q.budgetMonthly) {
        const CostEstimate& cost = card.cost;
        Check c{"budget_monthly",
                "monthly cost (estimate)",
                "",
                cost.totalMonthly <= *q.budgetMonthly,
                cost.totalMonthly,
                *q.budgetMonthly,
                "<=",
                cost.currency,
                0,
                "",
                {}};
        std::vector<const CostLine*> lines;
        for (const CostLine& l : cost.lines)
            lines.push_back(&l);
        std::stable_sort(lines.begin(), lines.end(), [](const CostLine* a, const CostLine* b) {
            return a->monthly > b->monthly;
        });
        std::string largest;
        for (std::size_t i = 0; i < lines.size() && i < 3 && lines[i]->monthly > 0; ++i)
            largest += (largest.empty() ? "" : ", ") + lines[i]->node + " " +
                       money(lines[i]->monthly, cost.currency);
        c.why = "estimated " + money(cost.totalMonthly, cost.currency) +
                " a month from the price " + "table (illustrative, not a quote), " +
                (c.passed ? "within" : "over") + " the budget of " +
                money(*q.budgetMonthly, cost.currency) +
                (largest.empty() ? "" : "; largest: " + largest);
        card.checks.push_back(std::move(c));
    }
    for (const review::Finding& f : review::reviewDesign(candidate, registry))
        card.findings.push_back(f.check + (f.node.empty() ? "" : " (" + f.node + ")") + ": " +
                                f.message);
    return card;
}

nlohmann::json toJson(const Check& c) {
    nlohmann::json j{{"id", c.id},         {"label", c.label},
                     {"passed", c.passed}, {"measured", c.measured},
                     {"target", c.target}, {"comparison", c.comparison},
                     {"unit", c.unit},     {"why", c.why}};
    if (!c.fault.empty())
        j["fault"] = c.fault;
    return j;
}

nlohmann::json toJson(const Scorecard& card) {
    nlohmann::json checks = nlohmann::json::array();
    for (const Check& c : card.checks) {
        nlohmann::json j = toJson(c);
        if (c.seed || c.id != "budget_monthly")
            j["seed"] = c.seed;
        if (!c.evidence.time.empty()) {
            nlohmann::json lines = nlohmann::json::object();
            for (const auto& [name, values] : c.evidence.lines)
                lines[name] = values;
            nlohmann::json events = nlohmann::json::array();
            for (const Evidence::Event& e : c.evidence.events)
                events.push_back({{"t_s", e.atSeconds}, {"kind", e.kind}, {"node", e.node}});
            j["evidence"] = {{"from_s", c.evidence.fromSeconds},
                             {"to_s", c.evidence.toSeconds},
                             {"t_s", c.evidence.time},
                             {"series", lines},
                             {"events", events}};
        }
        checks.push_back(std::move(j));
    }
    nlohmann::json faults = nlohmann::json::array();
    for (const ResolvedFault& f : card.faults) {
        nlohmann::json j{{"name", f.name},
                         {"action", f.action},
                         {"target", f.expression},
                         {"at_s", f.atSeconds},
                         {"hit", f.targets}};
        if (f.durationSeconds)
            j["duration_s"] = *f.durationSeconds;
        faults.push_back(std::move(j));
    }
    return {{"format", "scaleboard-scorecard"},
            {"version", 1},
            {"problem", card.problem},
            {"design", card.design},
            {"passed", card.passed()},
            {"seeds", card.seeds},
            {"duration_s", card.durationSeconds},
            {"warmup_s", card.warmupSeconds},
            {"offered_rps", card.offeredRps},
            {"faults", faults},
            {"checks", checks},
            {"cost", toJson(card.cost)},
            {"findings", card.findings},
            {"run_errors", card.runErrors}};
}

std::string formatCheckValue(double value, const std::string& unit) {
    if (unit == "fraction")
        return percent(value);
    return design::formatNumber(std::round(value * 10) / 10) + " " + unit;
}

std::string formatScorecard(const Scorecard& card) {
    std::string seeds;
    for (std::uint64_t s : card.seeds)
        seeds += (seeds.empty() ? "" : ", ") + std::to_string(s);
    std::string out = "Problem " + card.problem + ", design '" +
                      (card.design.empty() ? std::string("(untitled)") : card.design) + "'\n" +
                      "Ran " + std::to_string(card.seeds.size()) + " seed" +
                      (card.seeds.size() == 1 ? "" : "s") + " (" + seeds + "), " +
                      seconds(card.durationSeconds) + " each (the first " +
                      seconds(card.warmupSeconds) + " not measured), at " +
                      fixed(card.offeredRps, 0) + " req/s\n";
    for (const ResolvedFault& f : card.faults) {
        std::string hit;
        for (const std::string& t : f.targets)
            hit += (hit.empty() ? "" : ", ") + t;
        out += "Fault '" + f.name + "': " + f.action + " " + f.expression + " -> " +
               (hit.empty() ? std::string("nothing matches") : hit) + " at " +
               seconds(f.atSeconds) +
               (f.durationSeconds ? " for " + seconds(*f.durationSeconds) : std::string()) + "\n";
    }
    out += "\n";
    std::size_t missed = 0;
    for (const Check& c : card.checks) {
        missed += c.passed ? 0 : 1;
        out += std::string(c.passed ? "PASS" : "FAIL") + "  " + c.label + ": " +
               formatCheckValue(c.measured, c.unit) + " (target " + c.comparison + " " +
               formatCheckValue(c.target, c.unit) + ")\n      " + c.why + "\n";
    }
    for (const std::string& e : card.runErrors)
        out += "FAIL  the run did not finish: " + e + "\n";
    out += "\nCost (estimate from illustrative prices): " +
           money(card.cost.totalMonthly, card.cost.currency) + " a month\n";
    for (const CostLine& l : card.cost.lines)
        if (l.monthly > 0)
            out += "  " + l.node + " (" + l.kind + (l.size.empty() ? "" : ", " + l.size) +
                   (l.count != 1 ? " x " + design::formatNumber(l.count) : "") +
                   "): " + money(l.monthly, card.cost.currency) + "\n";
    if (!card.findings.empty()) {
        out += "\nDesign review (advice, not scored)\n";
        for (const std::string& f : card.findings)
            out += "  " + f + "\n";
    }
    const std::size_t total = card.checks.size();
    out += "\n" + std::string(card.passed() ? "PASSED" : "FAILED") + ": " +
           std::to_string(total - missed) + " of " + std::to_string(total) + " requirements met\n";
    return out;
}

} // namespace sb::practice
