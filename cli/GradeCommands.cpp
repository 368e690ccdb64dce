#include "cli/GradeCommands.h"

#include "cli/CliCommon.h"
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "design/PropertySpec.h"
#include "practice/Cost.h"
#include "practice/Grader.h"
#include "practice/Problem.h"
#include "practice/Progress.h"
#include "workspace/WorkspaceFile.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

namespace sb::cli {

namespace {

/// A problem named on the command line: a built-in id, else a problem file.
practice::Problem problemOrThrow(const std::string& name) {
    if (const practice::Problem* p = practice::findProblem(name))
        return *p;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(name, ec)) {
        std::string ids;
        for (const practice::Problem& p : practice::builtinProblems())
            ids += (ids.empty() ? "" : ", ") + p.id;
        throw BadInput{"no problem called '" + name.substr(0, 200) +
                       "' and no such file (built-in problems: " + ids + ")"};
    }
    practice::ProblemLoad load =
        practice::readProblemFile(name, comp::ComponentRegistry::builtin());
    if (!load.ok()) {
        std::string message = name + ": not a problem this Scaleboard can grade:";
        for (const std::string& e : load.errors)
            message += "\n  " + e;
        throw BadInput{message};
    }
    return std::move(*load.problem);
}

practice::PriceTable pricesOrThrow(const std::string& path) {
    if (path.empty())
        return practice::builtinPrices();
    practice::PriceLoad load =
        practice::readPriceTableFile(path, comp::ComponentRegistry::builtin());
    if (!load.ok()) {
        std::string message = "--prices " + path + ": not a price table:";
        for (const std::string& e : load.errors)
            message += "\n  " + e;
        throw BadInput{message};
    }
    return std::move(*load.table);
}

std::string optionalNumber(const std::optional<double>& v) {
    return v ? design::formatNumber(*v) : std::string("-");
}

void printProblem(const practice::Problem& p) {
    const practice::ProblemTraffic& t = p.traffic;
    const practice::Envelope e = practice::computeEnvelope(t.envelope);
    std::printf("%s: %s (%s)\n\n%s\n\nFunctional requirements\n", p.id.c_str(), p.title.c_str(),
                p.difficulty.c_str(), p.statement.c_str());
    for (const std::string& f : p.requirements.functional)
        std::printf("  - %s\n", f.c_str());
    std::printf(
        "\nTraffic\n  %.0f daily users, %s requests each a day, peak %sx the average\n"
        "  mix: %s%% reads, %s%% writes, %s%% static, %s%% async; %s-byte objects\n"
        "  %llu keys, Zipf skew %s; growth %s%% a year; users wait %s ms\n",
        t.envelope.dailyUsers, design::formatNumber(t.envelope.requestsPerUserPerDay).c_str(),
        design::formatNumber(t.envelope.peakFactor).c_str(),
        design::formatNumber(100 * t.read).c_str(), design::formatNumber(100 * t.write).c_str(),
        design::formatNumber(100 * t.staticShare).c_str(),
        design::formatNumber(100 * t.async).c_str(),
        design::formatNumber(t.envelope.objectBytes).c_str(),
        static_cast<unsigned long long>(t.envelope.keys),
        design::formatNumber(t.envelope.zipfS).c_str(),
        design::formatNumber(100 * t.growthPerYear).c_str(),
        design::formatNumber(t.timeoutMs).c_str());
    std::printf("  the grader drives the peak, %.0f req/s, for %s s (the first %s s not "
                "measured), seeds",
                e.peakQps, design::formatNumber(p.durationSeconds).c_str(),
                design::formatNumber(p.warmupSeconds).c_str());
    for (std::uint64_t s : p.seeds)
        std::printf(" %llu", static_cast<unsigned long long>(s));
    std::printf("\n\nFaults the design must survive\n");
    for (const practice::ProblemFault& f : p.faults)
        std::printf("  - %s: %s %s at %s s%s\n", f.name.c_str(), f.fault.action.c_str(),
                    f.fault.target.c_str(), design::formatNumber(f.fault.atSeconds).c_str(),
                    f.fault.params.contains("duration_s")
                        ? (" for " + f.fault.params["duration_s"].dump() + " s").c_str()
                        : "");
    const practice::Requirements& q = p.requirements;
    std::printf("\nTargets\n  p99 <= %s ms, error rate <= %s, answered during each fault >= "
                "%s, lost writes <= %s, stale reads <= %s, recovery <= %s s, session misses "
                "<= %s, monthly cost <= %s\n",
                optionalNumber(q.p99Ms).c_str(), optionalNumber(q.errorRate).c_str(),
                optionalNumber(q.availability).c_str(),
                q.lostWrites ? std::to_string(*q.lostWrites).c_str() : "-",
                optionalNumber(q.staleReadFraction).c_str(),
                optionalNumber(q.recoverySeconds).c_str(),
                q.sessionMisses ? std::to_string(*q.sessionMisses).c_str() : "-",
                optionalNumber(q.budgetMonthly).c_str());
    std::printf("\nHints (vaguest first)\n");
    for (std::size_t i = 0; i < p.hints.size(); ++i)
        std::printf("  %zu. %s\n", i + 1, p.hints[i].c_str());
}

nlohmann::json problemJson(const practice::Problem& p, bool full) {
    nlohmann::json j{{"id", p.id},
                     {"title", p.title},
                     {"difficulty", p.difficulty},
                     {"peak_rps", p.traffic.peakRps()}};
    if (full) {
        nlohmann::json faults = nlohmann::json::array();
        for (const practice::ProblemFault& f : p.faults) {
            nlohmann::json fault = f.fault.params;
            fault["name"] = f.name;
            fault["at_s"] = f.fault.atSeconds;
            fault["target"] = f.fault.target;
            fault["action"] = f.fault.action;
            faults.push_back(std::move(fault));
        }
        j["statement"] = p.statement;
        j["functional"] = p.requirements.functional;
        j["faults"] = faults;
        j["hints"] = p.hints;
        j["debrief"] = p.debrief;
    }
    return j;
}

class GradeGroup : public CommandGroup {
public:
    void add(CLI::App& app) override {
        m_problems = app.add_subcommand("problems", "List the practice problems, or show one "
                                                    "(problems show ID)");
        m_problems->add_flag("--json", m_json, "Print JSON");
        m_show = m_problems->add_subcommand("show", "A problem's statement, traffic, faults, "
                                                    "targets and hints");
        m_show->add_option("id", m_problemName, "Problem id (problems lists them)")->required();
        m_show->add_flag("--json", m_json, "Print JSON");
        m_show->add_option("--reference", m_referenceOut,
                           "Write the problem's reference design to this file (- for stdout)");

        m_grade = app.add_subcommand("grade", "Run a design against a practice problem's "
                                              "traffic and faults and print its scorecard");
        m_grade
            ->add_option("files", m_gradeArgs,
                         "PROBLEM DESIGN: a problem id or problem file (JSON), then the design "
                         "file; or only DESIGN with --problem")
            ->expected(1, 2);
        m_grade->add_option("--problem", m_problemOption, "Problem id, or a problem file (JSON)");
        m_grade->add_option("--seeds", m_seeds,
                            "Grade over seeds 1 to N instead of the problem's own (1-20)");
        m_grade->add_option("--prices", m_prices, "A price table to use (JSON)");
        m_grade->add_flag("--json", m_json, "Print the scorecard as JSON");
        m_grade->add_option("--record", m_record,
                            "Keep the attempt in this workspace (.sbw; created when missing)");
        m_grade->add_option("--time-taken", m_timeTaken,
                            "With --record: the seconds the attempt took (0-86400)");

        m_cost = app.add_subcommand("cost", "A design's estimated monthly cost (illustrative "
                                            "prices)");
        m_cost->add_option("design", m_design, "Design file (JSON)")->required();
        m_cost->add_option("--prices", m_prices, "A price table to use (JSON)");
        m_cost->add_flag("--json", m_json, "Print JSON");
    }

    void check() override {
        if (*m_grade) {
            if (m_problemOption && m_gradeArgs.size() != 1)
                throw BadInput{"grade --problem NAME takes one design file, got " +
                               std::to_string(m_gradeArgs.size()) + " files"};
            if (!m_problemOption && m_gradeArgs.size() != 2)
                throw BadInput{"grade needs a problem and a design: grade PROBLEM DESIGN, or "
                               "grade DESIGN --problem PROBLEM"};
            m_problemName = m_problemOption ? *m_problemOption : m_gradeArgs.front();
            m_design = m_gradeArgs.back();
            checkRecord();
        }
        if (*m_grade && m_seeds) {
            const bool digits = !m_seeds->empty() && m_seeds->size() <= 2 &&
                                m_seeds->find_first_not_of("0123456789") == std::string::npos;
            const int n = digits ? std::stoi(*m_seeds) : 0;
            if (n < 1 || n > 20)
                throw BadInput{"--seeds must be a whole number from 1 to 20, got '" +
                               m_seeds->substr(0, 40) + "'"};
            m_seedList.clear();
            for (int s = 1; s <= n; ++s)
                m_seedList.push_back(static_cast<std::uint64_t>(s));
        }
    }

    std::optional<int> run(const CliExtensions&) override {
        if (*m_show)
            return showProblem();
        if (*m_problems)
            return listProblems();
        if (*m_grade)
            return gradeDesign();
        if (*m_cost)
            return costOf();
        return std::nullopt;
    }

private:
    int listProblems() {
        if (m_json) {
            nlohmann::json list = nlohmann::json::array();
            for (const practice::Problem& p : practice::builtinProblems())
                list.push_back(problemJson(p, false));
            std::cout << list.dump(2) << "\n";
            return kOk;
        }
        for (const practice::Problem& p : practice::builtinProblems())
            std::printf("%-32s %-7s %6.0f req/s  %s\n", p.id.c_str(), p.difficulty.c_str(),
                        p.traffic.peakRps(), p.title.c_str());
        return kOk;
    }

    int showProblem() {
        const practice::Problem p = problemOrThrow(m_problemName);
        if (!m_referenceOut.empty()) {
            writeOrThrow(m_referenceOut, design::writeDesign(p.reference));
            return kOk;
        }
        if (m_json)
            std::cout << problemJson(p, true).dump(2) << "\n";
        else
            printProblem(p);
        return kOk;
    }

    /// Checks --record and --time-taken before anything is graded: the workspace, when it
    /// exists, must open.
    void checkRecord() {
        if (m_timeTaken) {
            if (!m_record)
                throw BadInput{"--time-taken is for --record: it is kept with the attempt in the "
                               "workspace"};
            const std::string& t = *m_timeTaken;
            const bool digits = !t.empty() && t.size() <= 5 &&
                                t.find_first_not_of("0123456789") == std::string::npos;
            m_timeTakenSeconds = digits ? std::stoll(t) : -1;
            if (m_timeTakenSeconds < 0 || m_timeTakenSeconds > 86400)
                throw BadInput{"--time-taken must be a whole number of seconds from 0 to 86400, "
                               "got '" +
                               t.substr(0, 40) + "'"};
        }
        if (!m_record)
            return;
        if (std::filesystem::path(*m_record).extension() != ".sbw")
            throw BadInput{"--record must name a workspace file (.sbw), got '" +
                           m_record->substr(0, 200) + "'"};
        std::error_code ec;
        if (!std::filesystem::exists(*m_record, ec)) {
            const std::filesystem::path folder = std::filesystem::path(*m_record).parent_path();
            if (!folder.empty() && !std::filesystem::is_directory(folder, ec))
                throw BadInput{"--record " + *m_record + ": the folder " + folder.string() +
                               " does not exist"};
            return;
        }
        const ws::OpenResult opened =
            ws::WorkspaceFile::open(*m_record, comp::ComponentRegistry::builtin());
        if (!opened.ok())
            throw BadInput{"--record: " + opened.error};
    }

    /// Keeps the graded attempt in the --record workspace, creating it (holding the design
    /// graded) when missing; says so on stderr.
    void recordAttempt(const practice::Scorecard& card, const design::Design& graded) {
        practice::AttemptContext context;
        context.recordedAt = ws::isoTimestampNow();
        context.timeTakenSeconds = m_timeTakenSeconds;
        const ws::AttemptRecord attempt = practice::attemptRecord(card, graded, context);
        std::error_code ec;
        std::string error;
        if (std::filesystem::exists(*m_record, ec))
            error = ws::WorkspaceFile::appendAttempt(*m_record, attempt).error;
        else
            error = ws::WorkspaceFile::save(*m_record, graded, {}, {}, {attempt});
        if (!error.empty())
            throw BadInput{"--record: " + error};
        std::fprintf(stderr, "Attempt at %s recorded in %s (score %d%%, time taken %s).\n",
                     card.problem.c_str(), m_record->c_str(), attempt.score,
                     practice::formatDuration(attempt.timeTakenSeconds).c_str());
    }

    int gradeDesign() {
        const practice::Problem problem = problemOrThrow(m_problemName);
        const design::Design d = loadForRun(m_design);
        const practice::PriceTable prices = pricesOrThrow(m_prices);
        practice::GradeOptions options;
        options.seeds = m_seedList;
        options.prices = &prices;
        const practice::Scorecard card = practice::grade(problem, d, options);
        if (m_json)
            std::cout << practice::toJson(card).dump(2) << "\n";
        else
            std::cout << practice::formatScorecard(card);
        if (m_record)
            recordAttempt(card, d);
        return card.passed() ? kOk : kInternal;
    }

    int costOf() {
        const design::Design d = loadOrThrow(m_design);
        const practice::PriceTable prices = pricesOrThrow(m_prices);
        const practice::CostEstimate cost =
            practice::estimateCost(d, prices, comp::ComponentRegistry::builtin());
        if (m_json) {
            nlohmann::json j = practice::toJson(cost);
            j["format"] = "scaleboard-cost";
            j["version"] = 1;
            std::cout << j.dump(2) << "\n";
            return kOk;
        }
        std::printf("Estimated monthly cost: %.0f %s\n(%s)\n\n", cost.totalMonthly,
                    cost.currency.c_str(), cost.note.c_str());
        for (const practice::CostLine& l : cost.lines)
            std::printf("  %-18s %-14s %-7s x %-4s %8.0f %s\n", l.node.c_str(), l.kind.c_str(),
                        l.size.empty() ? "-" : l.size.c_str(),
                        design::formatNumber(l.count).c_str(), l.monthly, cost.currency.c_str());
        return kOk;
    }

    CLI::App* m_problems = nullptr;
    CLI::App* m_show = nullptr;
    CLI::App* m_grade = nullptr;
    CLI::App* m_cost = nullptr;
    std::string m_problemName, m_design, m_prices, m_referenceOut;
    std::optional<std::string> m_seeds;
    std::optional<std::string> m_problemOption;
    std::optional<std::string> m_record, m_timeTaken;
    std::int64_t m_timeTakenSeconds = 0;
    std::vector<std::string> m_gradeArgs;
    std::vector<std::uint64_t> m_seedList;
    bool m_json = false;
};

} // namespace

std::unique_ptr<CommandGroup> gradeCommands() {
    return std::make_unique<GradeGroup>();
}

} // namespace sb::cli
