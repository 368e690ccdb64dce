#include "cli/ExperimentCommands.h"

#include "cli/CliCommon.h"
#include "cli/TerminalProgress.h"
#include "components/registry/SimulationBuilder.h"
#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "design/PropertySpec.h"
#include "experiments/Capacity.h"
#include "experiments/ExperimentFile.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace sb::cli {

namespace {

std::string exactText(double v) {
    char text[32];
    return std::string(text, std::to_chars(text, text + sizeof text, v).ptr);
}

std::string pointLabel(const experiments::Plan& plan, const std::vector<nlohmann::json>& values) {
    std::string label;
    for (std::size_t i = 0; i < values.size(); ++i)
        label += (i ? " " : "") + plan.parameters[i].path + "=" + values[i].dump();
    return label.empty() ? "(design as drawn)" : label;
}

void printPoint(const experiments::Plan& plan, const experiments::PointResult& point,
                const std::string& suffix) {
    std::printf("%s%s\n", pointLabel(plan, point.values).c_str(), suffix.c_str());
    const std::vector<std::string> metrics = plan.metricList();
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        const experiments::Interval ci = experiments::interval(point.samples[m]);
        std::printf("  %-16s %12.4f  95%% CI [%.4f, %.4f]\n", metrics[m].c_str(), ci.mean, ci.low(),
                    ci.high());
    }
    if (!plan.targets.empty()) {
        const nlohmann::json verdicts = experiments::pointJson(plan, point)["targets"];
        std::string line;
        for (const experiments::Target& t : plan.targets)
            line +=
                (line.empty() ? "" : ", ") + t.text() + " " + verdicts[t.text()].get<std::string>();
        std::printf("  targets: %s\n", line.c_str());
    }
}

/// The options `experiment` and `plan` share, and the plan they describe: an experiment
/// file or a design, with command-line options over the file's settings.
struct SweepOptions {
    std::string input;
    std::vector<std::string> vary, zip;
    int replications = 1;
    int jobs = 0;
    std::string metrics, targets;
    RunLengthOptions length;
    bool quiet = false;
    CLI::Option* replicationsOption = nullptr;
    CLI::Option* metricsOption = nullptr;
    CLI::Option* targetsOption = nullptr;

    static bool given(const CLI::Option* option) { return option && option->count() > 0; }

    void add(CLI::App* app) {
        app->add_option("input", input, "Experiment file (.json) or design file");
        app->add_option("--vary", vary, "NODE.PROPERTY=V1,V2 or NODE.PROPERTY=A:B:STEP (crossed)");
        app->add_option("--zip", zip,
                        "NODE.PROPERTY=V1,V2 or A:B:STEP, moving together with the other --zip");
        replicationsOption =
            app->add_option("--replications", replications, "Runs per point (default 1)");
        app->add_option("--jobs", jobs, "Runs at once (default: every core)");
        metricsOption = app->add_option("--metrics", metrics, "Metrics to report, comma-separated");
        targetsOption =
            app->add_option("--targets", targets, "Targets such as 'p99_ms<200,error_rate<0.01'");
        app->add_option("--duration", length.duration, "Run length in virtual seconds");
        app->add_option("--warmup", length.warmup, "Warm-up in virtual seconds");
        app->add_option("--seed", length.seed, "Base seed");
        app->add_flag("--quiet", quiet, "No table and no progress");
    }

    void check() const {
        if (input.empty())
            throw BadInput{"an experiment file or a design file is needed"};
        length.check();
        if (replications < 1 || replications > 100000)
            throw BadInput{"--replications must be a whole number from 1 to 100000, got " +
                           std::to_string(replications)};
        if (jobs < 0 || jobs > 1024)
            throw BadInput{"--jobs must be a whole number from 1 to 1024, got " +
                           std::to_string(jobs)};
    }

    unsigned jobCount() const {
        return jobs > 0 ? static_cast<unsigned>(jobs)
                        : std::max(1u, std::thread::hardware_concurrency());
    }

    /// The plan, every value and metric checked before anything runs; `minimise` gets
    /// the file's, if it has one.
    experiments::Plan build(std::string* minimise = nullptr) const {
        std::optional<experiments::ExperimentFile> file;
        std::string designPath = input;
        {
            std::string text, error;
            if (!design::readWholeFile(input, text, error))
                throw BadInput{error};
            const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
            if (experiments::isExperimentFile(doc)) {
                try {
                    file = experiments::readExperimentFile(doc);
                } catch (const std::invalid_argument& e) {
                    throw BadInput{input + ": " + e.what()};
                }
                designPath = (std::filesystem::path(input).parent_path() / file->design).string();
            }
        }
        experiments::Plan plan;
        plan.design = loadForRun(designPath);
        plan.settings = settings(plan.design, file);
        plan.replications = static_cast<std::size_t>(replications);
        if (file && file->replications && !given(replicationsOption))
            plan.replications = *file->replications;
        try {
            if (file) {
                plan.parameters = file->parameters;
                plan.metrics = file->metrics;
                plan.targets = file->targets;
                if (minimise)
                    *minimise = file->minimise;
            }
            for (const std::string& v : vary)
                plan.parameters.push_back(experiments::parseVary(v));
            for (const std::string& v : zip) {
                plan.parameters.push_back(experiments::parseVary(v));
                plan.parameters.back().zip = "--zip";
            }
            if (given(metricsOption)) {
                plan.metrics.clear();
                std::stringstream in(metrics);
                for (std::string m; std::getline(in, m, ',');)
                    plan.metrics.push_back(m);
            }
            if (given(targetsOption))
                plan.targets = experiments::parseTargets(targets);
            for (const std::string& m : plan.metricList())
                experiments::checkMetric(plan.design, m);
            for (const auto& values : experiments::sweepPoints(plan.parameters))
                experiments::pointDesign(plan, values); // checks every value
        } catch (const std::invalid_argument& e) {
            throw BadInput{e.what()};
        }
        return plan;
    }

private:
    /// The run length: command-line options, else the experiment file's, else the
    /// design's; the warm-up must be shorter than the duration, naming where each came from.
    emu::RunSettings settings(const design::Design& d,
                              const std::optional<experiments::ExperimentFile>& file) const {
        RunLengthOptions merged = length;
        std::string durationFrom = "--duration", warmupFrom = "--warmup";
        const emu::RunSettings drawn = comp::runSettingsFor(d);
        double duration = drawn.durationSeconds, warmup = drawn.warmupSeconds;
        if (!length.duration && file && file->durationSeconds) {
            merged.duration = exactText(*file->durationSeconds);
            durationFrom = input + "'s duration_s";
        } else if (!length.duration) {
            durationFrom = "the design's duration (run.duration_s)";
        }
        if (!length.warmup && file && file->warmupSeconds) {
            merged.warmup = exactText(*file->warmupSeconds);
            warmupFrom = input + "'s warmup_s";
        } else if (!length.warmup) {
            warmupFrom = "the design's warm-up (run.warmup_s)";
        }
        if (!length.seed && file && file->seed)
            merged.seed = std::to_string(*file->seed);
        if (merged.duration)
            duration = std::stod(*merged.duration);
        if (merged.warmup)
            warmup = std::stod(*merged.warmup);
        if (warmup >= duration)
            throw BadInput{warmupFrom + " of " + design::formatNumber(warmup) +
                           " s must be shorter than " + durationFrom + " of " +
                           design::formatNumber(duration) + " s"};
        return merged.settingsFor(d);
    }
};

// Slurm: an emitted folder holds design.json, experiment.json (the plan, every setting
// explicit, and runs_per_task), run.sbatch (the job array), results/ and logs/.

struct TaskRange {
    std::size_t first = 0, end = 0; ///< runs [first, end), numbered point-major
};

std::size_t runCount(const experiments::Plan& plan) {
    return experiments::sweepPoints(plan.parameters).size() * plan.replications;
}

std::size_t taskCount(std::size_t runs, std::size_t perTask) {
    return (runs + perTask - 1) / perTask;
}

TaskRange taskRuns(std::size_t runs, std::size_t perTask, std::size_t task) {
    return {task * perTask, std::min(runs, (task + 1) * perTask)};
}

std::string taskFile(const std::filesystem::path& dir, std::size_t task) {
    return (dir / "results" / ("task-" + std::to_string(task) + ".json")).string();
}

/// The plan an emitted folder describes, and its runs per task.
experiments::Plan manifestPlan(const std::string& dir, std::size_t& perTask) {
    const std::string manifest = (std::filesystem::path(dir) / "experiment.json").string();
    std::string text, error;
    if (!design::readWholeFile(manifest, text, error))
        throw BadInput{error + " (is '" + dir + "' a folder written by --emit slurm?)"};
    try {
        const experiments::ExperimentFile file =
            experiments::readExperimentFile(nlohmann::json::parse(text));
        if (!file.runsPerTask)
            throw BadInput{manifest + " has no 'slurm' key: it was not written by --emit slurm"};
        perTask = file.runsPerTask;
    } catch (const nlohmann::json::exception& e) {
        throw BadInput{manifest + ": " + e.what()};
    } catch (const std::invalid_argument& e) {
        throw BadInput{manifest + ": " + e.what()};
    }
    SweepOptions options;
    options.input = manifest;
    return options.build();
}

std::string sbatchScript(const std::string& name, std::size_t tasks, std::size_t runs,
                         const std::string& cli) {
    std::string quoted; // inside single quotes: every character but ' stands for itself
    for (char ch : cli)
        quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    std::ostringstream s;
    s << "#!/bin/sh\n"
      << "# Scaleboard experiment '" << name << "': " << runs << " runs in " << tasks
      << " array tasks (docs/experiments.md).\n"
      << "# Submit from this folder:  sbatch run.sbatch\n"
      << "# then merge the results:   scaleboard-cli experiment collect .\n"
      << "# Options given to sbatch (--partition, --time, --account) override these.\n"
      << "#SBATCH --job-name=scaleboard-experiment\n"
      << "#SBATCH --array=0-" << tasks - 1 << "\n"
      << "#SBATCH --ntasks=1\n"
      << "#SBATCH --cpus-per-task=1\n"
      << "#SBATCH --output=logs/task-%a.out\n"
      << "set -eu\n"
      << "if [ ! -f experiment.json ]; then\n"
      << "  echo 'submit from the experiment folder: cd DIR && sbatch run.sbatch' >&2\n"
      << "  exit 2\n"
      << "fi\n"
      << "default_cli='" << quoted << "'\n"
      << "exec \"${SCALEBOARD_CLI:-$default_cli}\" experiment task . --task "
      << "\"$SLURM_ARRAY_TASK_ID\"\n";
    return s.str();
}

void emitSlurm(const experiments::Plan& plan, const std::string& dirText, std::size_t perTask,
               bool tell) {
    namespace fs = std::filesystem;
    const fs::path dir(dirText);
    std::error_code ec;
    if (fs::exists(dir, ec) && (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec)))
        throw BadInput{"--emit slurm " + dirText +
                       ": the folder must be new or empty (an earlier experiment's results "
                       "would mix with this one's)"};
    for (const char* sub : {"results", "logs"})
        if (fs::create_directories(dir / sub, ec); ec)
            throw BadInput{"--emit slurm: cannot create " + (dir / sub).string() + ": " +
                           ec.message()};
    const std::size_t runs = runCount(plan);
    if (!perTask)
        perTask = std::max<std::size_t>(1, (runs + 999) / 1000);
    const std::size_t tasks = taskCount(runs, perTask);
    writeOrThrow((dir / "design.json").string(), design::writeDesign(plan.design));
    writeOrThrow((dir / "experiment.json").string(),
                 experiments::experimentFileJson(plan, "design.json", perTask).dump(2) + "\n");
    const std::string script = (dir / "run.sbatch").string();
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    std::string name = plan.design.name; // a comment line of the script: one line
    for (char& ch : name)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
            ch = ' ';
    writeOrThrow(script, sbatchScript(name, tasks, runs,
                                      ec ? std::string("scaleboard-cli") : self.string()));
    ::chmod(script.c_str(), 0755);
    if (tell && tasks > 1000)
        std::printf("note: %zu array tasks; Slurm's default MaxArraySize (1001) allows 1000, so "
                    "the cluster must allow more, or emit again with a larger --runs-per-task\n",
                    tasks);
    if (tell)
        std::printf("%s: %zu runs in %zu array tasks (%zu per task)\n"
                    "submit with:  cd %s && sbatch run.sbatch\n"
                    "then merge:   scaleboard-cli experiment collect %s\n",
                    dirText.c_str(), runs, tasks, perTask, dirText.c_str(), dirText.c_str());
}

int runSlurmTask(const std::string& dir, std::size_t task) {
    std::size_t perTask = 0;
    const experiments::Plan plan = manifestPlan(dir, perTask);
    const std::size_t runs = runCount(plan), tasks = taskCount(runs, perTask);
    if (task >= tasks)
        throw BadInput{"--task " + std::to_string(task) + ": the experiment in " + dir + " has " +
                       std::to_string(tasks) + " tasks (0 to " + std::to_string(tasks - 1) + ")"};
    const auto points = experiments::sweepPoints(plan.parameters);
    const std::vector<std::string> metrics = plan.metricList();
    const TaskRange range = taskRuns(runs, perTask, task);
    nlohmann::json out{{"task", task}, {"runs", nlohmann::json::array()}};
    for (std::size_t i = range.first; i < range.end; ++i) {
        const std::size_t p = i / plan.replications, rep = i % plan.replications;
        const std::vector<double> values =
            experiments::runOnce(plan, experiments::pointDesign(plan, points[p]), p, rep);
        nlohmann::json run{{"point", p},
                           {"replication", rep},
                           {"seed", experiments::runSeed(plan.settings.seed, p, rep)}};
        for (std::size_t m = 0; m < metrics.size(); ++m)
            run["metrics"][metrics[m]] = values[m];
        out["runs"].push_back(std::move(run));
    }
    writeOrThrow(taskFile(dir, task), out.dump(2) + "\n");
    return kOk;
}

struct CollectedExperiment {
    experiments::Plan plan;
    std::vector<experiments::PointResult> points;
};

CollectedExperiment collectSlurm(const std::string& dir) {
    std::size_t perTask = 0;
    CollectedExperiment c{manifestPlan(dir, perTask), {}};
    const experiments::Plan& plan = c.plan;
    const auto points = experiments::sweepPoints(plan.parameters);
    const std::vector<std::string> metrics = plan.metricList();
    const std::size_t runs = runCount(plan), tasks = taskCount(runs, perTask);
    for (const auto& values : points)
        c.points.push_back({values, std::vector<std::vector<double>>(
                                        metrics.size(), std::vector<double>(plan.replications))});
    std::vector<std::string> missing;
    for (std::size_t t = 0; t < tasks; ++t) {
        const std::string path = taskFile(dir, t);
        std::string text, error;
        if (!design::readWholeFile(path, text, error)) {
            missing.push_back("task-" + std::to_string(t) + ".json");
            continue;
        }
        const TaskRange range = taskRuns(runs, perTask, t);
        try {
            const nlohmann::json doc = nlohmann::json::parse(text);
            const nlohmann::json& list = doc.at("runs");
            if (doc.at("task") != t || list.size() != range.end - range.first)
                throw BadInput{path + " is not the result of task " + std::to_string(t) +
                               " of this experiment"};
            for (std::size_t k = 0; k < list.size(); ++k) {
                const std::size_t i = range.first + k;
                const std::size_t p = i / plan.replications, rep = i % plan.replications;
                const nlohmann::json& r = list[k];
                if (r.at("point") != p || r.at("replication") != rep ||
                    r.at("seed") != experiments::runSeed(plan.settings.seed, p, rep))
                    throw BadInput{path + ": run " + std::to_string(k) + " is not point " +
                                   std::to_string(p) + ", replication " + std::to_string(rep) +
                                   " with this experiment's seed"};
                for (std::size_t m = 0; m < metrics.size(); ++m)
                    c.points[p].samples[m][rep] = r.at("metrics").at(metrics[m]).get<double>();
            }
        } catch (const nlohmann::json::exception& e) {
            throw BadInput{path + ": " + e.what()};
        }
    }
    if (!missing.empty()) {
        std::string list;
        for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
            list += (i ? ", " : "") + missing[i];
        if (missing.size() > 10)
            list += ", ...";
        throw BadInput{dir + ": " + std::to_string(missing.size()) + " of " +
                       std::to_string(tasks) + " tasks have no result yet (" + list +
                       "); still running or failed: see " + dir + "/logs"};
    }
    return c;
}

class ExperimentGroup : public CommandGroup {
public:
    void add(CLI::App& app) override {
        m_cmd = app.add_subcommand("experiment", "Sweep properties and replicate runs with 95% "
                                                 "confidence intervals");
        m_sweep.add(m_cmd);
        m_cmd->add_option("--json", m_json, "Write the result JSON here ('-' for stdout)");
        m_cmd->add_option("--csv", m_csv, "Write one row per point here");
        m_cmd->add_option("--plot", m_plot, "Draw each metric with its 95% band (.svg or .png)");
        m_cmd->add_option("--report", m_report,
                          "Write a report (.html or .pdf): the plan, the table with 95% intervals "
                          "and verdicts, a chart per metric");
        m_cmd
            ->add_option("--emit", m_emit,
                         "slurm DIR: write a Slurm job array there instead of running")
            ->expected(2);
        m_cmd->add_option("--runs-per-task", m_runsPerTask,
                          "With --emit slurm: runs in each array task (default: one, or enough "
                          "to keep the array within 1000 tasks)");

        m_collect = m_cmd->add_subcommand("collect", "Merge an emitted Slurm experiment's "
                                                     "results into the table of a local run");
        m_collect->add_option("dir", m_dir, "The folder --emit slurm wrote")->required();
        m_collect->add_option("--json", m_json, "Write the result JSON here ('-' for stdout)");
        m_collect->add_option("--csv", m_csv, "Write one row per point here");
        m_collect->add_option("--plot", m_plot,
                              "Draw each metric with its 95% band (.svg or .png)");
        m_collect->add_flag("--quiet", m_collectQuiet, "No table");

        m_task = m_cmd->add_subcommand("task", "Run one task of an emitted Slurm experiment "
                                               "(what its sbatch script calls)");
        m_task->add_option("dir", m_dir, "The folder --emit slurm wrote")->required();
        m_task->add_option("--task", m_taskIndex, "The array task index")->required();

        m_plan = app.add_subcommand("plan", "Capacity planning: the cheapest point of a sweep "
                                            "that meets the targets");
        m_planSweep.add(m_plan);
        m_plan->add_option(
            "--minimise", m_minimise,
            "cost (estimated monthly, from the price table), instances or NODE.PROPERTY");
        m_plan->add_option("--json", m_json, "Write the result JSON here ('-' for stdout)");
    }

    void check() override {
        if (!m_plot.empty() && !m_plot.ends_with(".svg") && !m_plot.ends_with(".png"))
            throw BadInput{"--plot " + m_plot + ": the picture must be .svg or .png"};
        if (!m_report.empty() && !m_report.ends_with(".html") && !m_report.ends_with(".htm") &&
            !m_report.ends_with(".pdf"))
            throw BadInput{"--report " + m_report + ": a report is written as .html or .pdf"};
        if (*m_task)
            return;
        if (*m_collect) {
            checkOutputs(m_dir + "/experiment.json",
                         {{"--json", m_json}, {"--csv", m_csv}, {"--plot", m_plot}});
            return;
        }
        if (*m_cmd) {
            m_sweep.check();
            checkOutputs(
                m_sweep.input,
                {{"--json", m_json}, {"--csv", m_csv}, {"--plot", m_plot}, {"--report", m_report}});
            if (!m_emit.empty() && !m_report.empty())
                throw BadInput{"--emit slurm runs nothing here: --report is not written"};
            if (!m_emit.empty() && m_emit[0] != "slurm")
                throw BadInput{"--emit takes 'slurm DIR', got '" + m_emit[0] + "'"};
            if (!m_emit.empty() && (!m_json.empty() || !m_csv.empty() || !m_plot.empty()))
                throw BadInput{"--emit slurm runs nothing here: --json, --csv and --plot go to "
                               "'experiment collect DIR' once the array has run"};
            if (m_emit.empty() && m_runsPerTask)
                throw BadInput{"--runs-per-task is for --emit slurm DIR"};
            if (m_runsPerTask < 0 || m_runsPerTask > 100000)
                throw BadInput{"--runs-per-task must be a whole number from 1 to 100000, got " +
                               std::to_string(m_runsPerTask)};
        }
        if (*m_plan) {
            m_planSweep.check();
            checkOutputs(m_planSweep.input, {{"--json", m_json}});
        }
    }

    bool draws(const CliExtensions& extensions) const override {
        const bool experiment = *m_cmd && !*m_collect && !*m_task && !*m_plan;
        return ((*m_cmd || *m_collect) && !*m_task && !m_plot.empty() && m_emit.empty() &&
                !extensions.writeExperimentPlot) ||
               (experiment && !m_report.empty() && m_emit.empty() &&
                !extensions.writeExperimentReport);
    }

    std::optional<int> run(const CliExtensions& extensions) override {
        m_extensions = &extensions;
        if (*m_collect)
            return collect();
        if (*m_task)
            return runSlurmTask(m_dir, m_taskIndex);
        if (*m_plan)
            return plan();
        if (!*m_cmd)
            return std::nullopt;
        const experiments::Plan plan = m_sweep.build();
        if (!m_emit.empty()) {
            emitSlurm(plan, m_emit[1], static_cast<std::size_t>(m_runsPerTask), !m_sweep.quiet);
            return kOk;
        }
        TerminalProgress progress(stderr, !m_sweep.quiet && isatty(STDERR_FILENO));
        const auto points = experiments::run(
            plan, m_sweep.jobCount(), [&progress](std::size_t done, std::size_t total) {
                progress.stage("runs " + std::to_string(done) + "/" + std::to_string(total),
                               static_cast<double>(done) / static_cast<double>(total));
            });
        progress.finish();
        report(plan, points, m_sweep.quiet);
        if (!m_report.empty())
            if (const std::string error = m_extensions->writeExperimentReport(
                    experiments::toJson(plan, points), m_sweep.input, m_report);
                !error.empty())
                throw BadInput{error};
        return kOk;
    }

private:
    void report(const experiments::Plan& plan, const std::vector<experiments::PointResult>& points,
                bool quiet) const {
        if (!quiet && m_json != "-")
            for (const auto& point : points)
                printPoint(plan, point, "");
        if (!m_json.empty())
            writeOrThrow(m_json, experiments::toJson(plan, points).dump(2) + "\n");
        if (!m_csv.empty())
            writeOrThrow(m_csv, experiments::toCsv(plan, points));
        if (!m_plot.empty())
            if (const std::string error =
                    m_extensions->writeExperimentPlot(experiments::toJson(plan, points), m_plot);
                !error.empty())
                throw BadInput{error};
    }

    int collect() {
        const CollectedExperiment c = collectSlurm(m_dir);
        report(c.plan, c.points, m_collectQuiet);
        return kOk;
    }

    int plan() {
        std::string minimise;
        const experiments::Plan plan = m_planSweep.build(&minimise);
        if (m_plan->count("--minimise"))
            minimise = m_minimise;
        if (minimise.empty())
            throw BadInput{"plan needs --minimise cost, instances or NODE.PROPERTY"};
        if (plan.targets.empty())
            throw BadInput{"plan needs targets: --targets 'p99_ms<200,error_rate<0.01' or "
                           "\"targets\" in the experiment file"};
        experiments::CapacityResult result;
        TerminalProgress progress(stderr, !m_planSweep.quiet && isatty(STDERR_FILENO));
        try {
            result = experiments::planCapacity(
                plan, minimise, m_planSweep.jobCount(),
                [&progress](std::size_t done, std::size_t total) {
                    progress.stage("runs " + std::to_string(done) + " (of at most " +
                                       std::to_string(total) + ")",
                                   static_cast<double>(done) / static_cast<double>(total));
                });
        } catch (const std::invalid_argument& e) {
            throw BadInput{e.what()};
        }
        progress.finish();
        if (!m_planSweep.quiet && m_json != "-") {
            const nlohmann::json doc = experiments::toJson(plan, result);
            const auto costed = [&](const experiments::CapacityPoint& c) {
                return minimise == "cost"
                           ? " (estimated cost " + design::formatNumber(c.cost) + " " +
                                 doc["currency"].get<std::string>() + " a month)"
                           : " (" + minimise + " " + design::formatNumber(c.cost) + ")";
            };
            if (result.chosen) {
                std::printf("cheapest point meeting the targets:\n");
                printPoint(plan, result.evaluated[*result.chosen].result,
                           costed(result.evaluated[*result.chosen]));
            } else {
                std::printf("no point of the %zu in the sweep meets the targets\n",
                            result.candidates);
            }
            if (result.cheaperFailed) {
                std::printf("next cheaper, not meeting them:\n");
                printPoint(plan, result.evaluated[*result.cheaperFailed].result,
                           costed(result.evaluated[*result.cheaperFailed]));
            }
            std::printf("%zu of %zu points run, cheapest first\n", result.evaluated.size(),
                        result.candidates);
            if (doc.contains("cost_note"))
                std::printf("%s\n", doc["cost_note"].get<std::string>().c_str());
        }
        if (!m_json.empty())
            writeOrThrow(m_json, experiments::toJson(plan, result).dump(2) + "\n");
        return kOk;
    }

    CLI::App* m_cmd = nullptr;
    CLI::App* m_collect = nullptr;
    CLI::App* m_task = nullptr;
    CLI::App* m_plan = nullptr;
    SweepOptions m_sweep, m_planSweep;
    std::string m_json, m_csv, m_plot, m_report, m_dir, m_minimise;
    const CliExtensions* m_extensions = nullptr;
    std::vector<std::string> m_emit;
    int m_runsPerTask = 0;
    std::size_t m_taskIndex = 0;
    bool m_collectQuiet = false;
};

} // namespace

std::unique_ptr<CommandGroup> experimentCommands() {
    return std::make_unique<ExperimentGroup>();
}

} // namespace sb::cli
