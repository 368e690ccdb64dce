#include "cli/ExperimentCommands.h"

#include "cli/CliCommon.h"
#include "cli/TerminalProgress.h"
#include "experiments/Experiment.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace sb::cli {

namespace {

class ExperimentGroup : public CommandGroup {
public:
    void add(CLI::App& app) override {
        m_cmd = app.add_subcommand("experiment", "Sweep properties and replicate runs with 95% "
                                                 "confidence intervals");
        m_cmd->add_option("design", m_design, "Design file")->required();
        m_cmd->add_option("--vary", m_vary, "NODE.PROPERTY=V1,V2 or NODE.PROPERTY=A:B:STEP");
        m_cmd->add_option("--replications", m_replications, "Runs per point (default 1)");
        m_cmd->add_option("--jobs", m_jobs, "Runs at once (default: every core)");
        m_cmd->add_option("--json", m_json, "Write the result JSON here ('-' for stdout)");
        m_cmd->add_option("--csv", m_csv, "Write one row per point here");
        m_cmd->add_option("--duration", m_length.duration, "Run length in virtual seconds");
        m_cmd->add_option("--warmup", m_length.warmup, "Warm-up in virtual seconds");
        m_cmd->add_option("--seed", m_length.seed, "Base seed");
        m_cmd->add_flag("--quiet", m_quiet, "No table and no progress");
    }

    void check() override {
        if (!*m_cmd)
            return;
        m_length.check();
        if (m_replications < 1 || m_replications > 100000)
            throw BadInput{"--replications must be a whole number from 1 to 100000, got " +
                           std::to_string(m_replications)};
        if (m_jobs < 0 || m_jobs > 1024)
            throw BadInput{"--jobs must be a whole number from 1 to 1024, got " +
                           std::to_string(m_jobs)};
        checkOutputs(m_design, {{"--json", m_json}, {"--csv", m_csv}});
    }

    std::optional<int> run(const CliExtensions&) override {
        if (!*m_cmd)
            return std::nullopt;
        experiments::Plan plan;
        plan.design = loadForRun(m_design);
        plan.settings = m_length.settingsFor(plan.design);
        plan.replications = static_cast<std::size_t>(m_replications);
        std::vector<experiments::PointResult> points;
        try {
            for (const std::string& v : m_vary)
                plan.parameters.push_back(experiments::parseVary(v));
            for (const auto& values : experiments::crossedPoints(plan.parameters)) {
                design::Design d = plan.design; // checks every value before anything runs
                for (std::size_t i = 0; i < values.size(); ++i)
                    experiments::applyParameter(d, plan.parameters[i].path, values[i]);
            }
        } catch (const std::invalid_argument& e) {
            throw BadInput{e.what()};
        }
        const unsigned jobs = m_jobs > 0 ? static_cast<unsigned>(m_jobs)
                                         : std::max(1u, std::thread::hardware_concurrency());
        TerminalProgress progress(stderr, !m_quiet && isatty(STDERR_FILENO));
        points = experiments::run(plan, jobs, [&progress](std::size_t done, std::size_t total) {
            progress.stage("runs " + std::to_string(done) + "/" + std::to_string(total),
                           static_cast<double>(done) / static_cast<double>(total));
        });
        progress.finish();
        if (!m_quiet && m_json != "-")
            printTable(plan, points);
        if (!m_json.empty())
            writeOrThrow(m_json, experiments::toJson(plan, points).dump(2) + "\n");
        if (!m_csv.empty())
            writeOrThrow(m_csv, experiments::toCsv(plan, points));
        return kOk;
    }

private:
    static void printTable(const experiments::Plan& plan,
                           const std::vector<experiments::PointResult>& points) {
        for (const auto& point : points) {
            std::string label;
            for (std::size_t i = 0; i < point.values.size(); ++i)
                label += (i ? " " : "") + plan.parameters[i].path + "=" + point.values[i].dump();
            std::printf("%s\n", label.empty() ? "(design as drawn)" : label.c_str());
            for (std::size_t m = 0; m < experiments::metricNames().size(); ++m) {
                const experiments::Interval ci = experiments::interval(point.samples[m]);
                std::printf("  %-16s %12.4f  95%% CI [%.4f, %.4f]\n",
                            experiments::metricNames()[m].c_str(), ci.mean, ci.low(), ci.high());
            }
        }
    }

    CLI::App* m_cmd = nullptr;
    std::string m_design, m_json, m_csv;
    std::vector<std::string> m_vary;
    int m_replications = 1;
    int m_jobs = 0;
    RunLengthOptions m_length;
    bool m_quiet = false;
};

} // namespace

std::unique_ptr<CommandGroup> experimentCommands() {
    return std::make_unique<ExperimentGroup>();
}

} // namespace sb::cli
