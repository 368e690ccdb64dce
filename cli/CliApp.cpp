#include "cli/CliApp.h"

#include "cli/CliCommon.h"
#include "cli/CommandGroup.h"
#include "cli/TerminalProgress.h"

#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "design/PropertySpec.h"
#include "emulator/RunControl.h"
#include "interchange/DrawioExport.h"
#include "interchange/MermaidExport.h"
#include "practice/Cost.h"
#include "review/DesignReview.h"
#include "review/ScalingPath.h"
#include "timeline/Clip.h"
#include "timeline/Explanation.h"
#include "timeline/TimelineRecorder.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace sb::cli {

namespace {

int validateCommand(const std::string& path) {
    auto loaded = design::readDesignFile(path, comp::ComponentRegistry::builtin());
    std::cerr << design::formatProblems(loaded.problems);
    if (!loaded.ok())
        return kBadInput;
    std::cout << path << ": valid (" << loaded.design->nodes.size() << " nodes, "
              << loaded.design->links.size() << " links)\n";
    return kOk;
}

struct RunOptions {
    std::string design;
    RunLengthOptions length;
    std::string speed = "max";
    std::string json, csv, report;
    std::string timelinePath; ///< where to write the recorded timeline
    std::string traffic;      ///< an access log to replay, FILE or NODE=FILE
    bool quiet = false;
    bool explain = false;  ///< say what happened, and add `explanation` to the JSON
    double speedValue = 0; ///< set by checkRunOptions from `speed`
};

/// Checks what `run` was given that does not depend on the design: numbers, the speed,
/// the report's type, outputs that would overwrite the design or each other.
void checkRunOptions(RunOptions& o) {
    o.length.check();
    o.speedValue = parseSpeed(o.speed);
    if (!o.report.empty()) {
        const std::string ext = std::filesystem::path(o.report).extension().string();
        if (ext != ".html" && ext != ".htm" && ext != ".pdf")
            throw BadInput{"--report must name an .html or .pdf file, got '" +
                           o.report.substr(0, 200) + "'"};
    }
    checkOutputs(o.design, {{"--json", o.json},
                            {"--csv", o.csv},
                            {"--report", o.report},
                            {"--timeline", o.timelinePath}});
}

/// What the replayed access logs gave: requests, and the malformed lines by number.
void printTrafficReplay(const emu::RunResult& r) {
    for (const auto& n : r.nodes) {
        const double lines = r.metric(n.id, "traffic_lines", -1);
        if (lines < 0)
            continue;
        std::printf("traffic   %s: %.0f requests replayed of %.0f log lines, %.0f malformed, %.0f "
                    "out of order\n",
                    n.id.c_str(), r.metric(n.id, "traffic_replayed"), lines,
                    r.metric(n.id, "traffic_malformed"), r.metric(n.id, "traffic_out_of_order"));
        for (const auto& e : r.events)
            if (e.kind == "traffic_malformed" && e.node == n.id)
                std::printf("  malformed %s\n", e.detail.c_str());
    }
}

int runCommand(const RunOptions& o, const CliExtensions& extensions) {
    design::Design d = loadForRun(o.design);
    if (!o.traffic.empty())
        replayTraffic(d, o.traffic);
    emu::RunSettings settings = o.length.settingsFor(d);
    settings.speed = o.speedValue;

    TerminalProgress progress(stderr, !o.quiet && isatty(STDERR_FILENO));
    emu::RunControl control(buildOrThrow(d, settings.seed), settings, &progress);
    timeline::TimelineRecorder recorder;
    // A report says what happened too, so a run with one records its timeline.
    const bool recording = o.explain || !o.timelinePath.empty() || !o.report.empty();
    if (recording)
        control.watch(&recorder);
    const emu::RunResult& result = control.runHere();
    progress.finish();
    std::vector<timeline::Sentence> explanation;
    if (recording)
        recorder.complete(result);
    if (o.explain || !o.report.empty())
        explanation = timeline::explain(recorder.timeline(), &d);
    if (!o.timelinePath.empty())
        writeOrThrow(o.timelinePath, recorder.timeline().encode());
    const practice::CostEstimate cost =
        practice::estimateCost(d, practice::builtinPrices(), comp::ComponentRegistry::builtin());
    if (!o.quiet) {
        printSummary(d, result);
        std::printf("cost      estimated %.0f %s a month (illustrative prices, not a quote; "
                    "scaleboard-cli cost)\n",
                    cost.totalMonthly, cost.currency.c_str());
        printTrafficReplay(result);
        if (o.explain)
            std::printf("\nwhat happened\n%s", timeline::formatExplanation(explanation).c_str());
    }
    if (!o.json.empty()) {
        nlohmann::json json = emu::toJson(result);
        if (o.explain)
            json["explanation"] = timeline::toJson(explanation);
        json["cost_estimate"] = {
            {"estimate", true}, {"currency", cost.currency}, {"monthly", cost.totalMonthly}};
        writeOrThrow(o.json, json.dump(2) + "\n");
    }
    if (!o.csv.empty())
        writeOrThrow(o.csv, result.series.toCsv());
    if (!o.report.empty()) {
        const std::string error =
            extensions.writeReport(d, o.design, result, explanation, o.report,
                                   [&progress](double done) { progress.stage("report", done); });
        progress.finish();
        if (!error.empty())
            throw BadInput{error};
        if (!o.quiet)
            std::printf("report written to %s\n", o.report.c_str());
    }
    return kOk;
}

int templatesCommand(const std::string& name, const std::string& output) {
    if (name.empty()) {
        for (const auto& t : review::ScalingPath::templates())
            std::printf("%-28s %s\n", t.name.c_str(), t.title.c_str());
        return kOk;
    }
    const review::DesignTemplate* t = review::ScalingPath::find(name);
    if (!t)
        throw BadInput{"no template named '" + name + "' (scaleboard-cli templates lists them)"};
    if (output.empty() || output == "-")
        std::cout << t->json;
    else
        writeOrThrow(output, std::string(t->json));
    return kOk;
}

int reviewCommand(const std::string& path, bool asJson) {
    const design::Design d = loadOrThrow(path);
    const review::Findings findings = review::reviewDesign(d, comp::ComponentRegistry::builtin());
    if (asJson) {
        std::cout << review::toJson(findings).dump(2) << "\n";
        return kOk;
    }
    if (findings.empty()) {
        std::printf("%s: no findings: the design follows every step of the scaling path\n",
                    path.c_str());
        return kOk;
    }
    std::printf("%s: %zu finding%s\n\n", path.c_str(), findings.size(),
                findings.size() == 1 ? "" : "s");
    std::cout << review::formatFindings(findings);
    return kOk;
}

bool isVideo(const std::string& format) {
    return format == "webm" || format == "mp4" || format == "gif";
}

struct ExportOptions {
    std::string design;
    std::string format;
    std::string output;
    double scale = 1;
    // A run animation's stretch (video formats only), as typed.
    std::optional<std::string> from, to, speed;
    std::optional<int> fps;
    std::string timelinePath; ///< a recorded timeline to animate instead of running
    timeline::Clip clip;      ///< set by check() from the above

    /// Checks what does not depend on the design: the clip's numbers, and that they are
    /// given only for a video.
    void check() {
        const bool clipGiven = from || to || speed || fps || !timelinePath.empty();
        if (!isVideo(format)) {
            if (clipGiven)
                throw BadInput{"--from, --to, --speed, --fps and --timeline are for a video "
                               "(--format webm, mp4 or gif), not " +
                               format};
            checkOutputs(design, {{"-o", output}});
            return;
        }
        if (output == "-")
            throw BadInput{"a video is written to a file (-o FILE), not to standard output"};
        checkOutputs(design, {{"-o", output}, {"--timeline", timelinePath}});
        if (from)
            clip.from = secondsOption("--from", *from, 0, 86400, true);
        if (to)
            clip.to = secondsOption("--to", *to, 0, 86400, false);
        if (speed) {
            clip.speed = parseSpeed(*speed);
            if (clip.speed == 0)
                throw BadInput{"--speed of a video must be realtime or a factor from 0.1 to 100 "
                               "(virtual seconds a second of video, e.g. 4x), got 'max'"};
        }
        clip.fps =
            fps.value_or(format == "gif" ? timeline::Clip::kGifFps : timeline::Clip::kVideoFps);
        if (clip.to && clip.from >= *clip.to)
            throw BadInput{clip.problem(*clip.to)};
    }
};

/// A run animation: runs the design as far as the clip reaches, recording its timeline (or
/// reads a recorded one), then draws and encodes it.
int exportVideoCommand(const ExportOptions& o, const CliExtensions& extensions) {
    const design::Design d = loadForRun(o.design);
    TerminalProgress progress(stderr, isatty(STDERR_FILENO));
    timeline::Timeline recorded;
    if (!o.timelinePath.empty()) {
        std::string bytes, error;
        if (!design::readWholeFile(o.timelinePath, bytes, error))
            throw BadInput{"--timeline: " + error};
        try {
            recorded = timeline::Timeline::decode(bytes);
        } catch (const std::invalid_argument& e) {
            throw BadInput{"--timeline " + o.timelinePath + ": " + e.what()};
        }
        const double seconds = recorded.samples() ? recorded.time(recorded.samples() - 1) : 0.0;
        if (const std::string problem = o.clip.problem(seconds); !problem.empty())
            throw BadInput{problem + " (the recorded timeline " + o.timelinePath + ")"};
    } else {
        emu::RunSettings settings = RunLengthOptions{}.settingsFor(d);
        if (const std::string problem = o.clip.problem(settings.durationSeconds); !problem.empty())
            throw BadInput{problem};
        // Nothing after the clip is shown: the run stops a second after it.
        settings.durationSeconds =
            std::min(settings.durationSeconds, o.clip.end(settings.durationSeconds) + 1.0);
        if (settings.warmupSeconds >= settings.durationSeconds)
            settings.warmupSeconds = 0;
        emu::RunControl control(buildOrThrow(d, settings.seed), settings, &progress);
        timeline::TimelineRecorder recorder;
        control.watch(&recorder);
        const emu::RunResult& result = control.runHere();
        progress.finish();
        recorder.complete(result);
        recorded = recorder.timeline();
    }
    const std::string error =
        extensions.exportVideo(d, recorded, o.format, o.clip, o.scale, o.output,
                               [&progress](double done) { progress.stage("video", done); });
    progress.finish();
    if (!error.empty())
        throw BadInput{error};
    return kOk;
}

int exportCommand(const ExportOptions& o, const CliExtensions& extensions) {
    if (isVideo(o.format))
        return exportVideoCommand(o, extensions);
    const design::Design d = loadOrThrow(o.design);
    const auto& registry = comp::ComponentRegistry::builtin();
    if (o.format == "mermaid") {
        writeOrThrow(o.output, interchange::toMermaid(d, registry));
    } else if (o.format == "drawio") {
        writeOrThrow(o.output, interchange::toDrawio(d, registry));
    } else {
        const std::string error = extensions.exportDiagram(d, o.format, o.output, o.scale);
        if (!error.empty())
            throw BadInput{error};
    }
    return kOk;
}

/// Every command's options, and the CLI11 parser that fills them.
struct CommandLine {
    CLI::App app{"scaleboard-cli: validate, run and export Scaleboard designs without a window"};
    std::string validatePath;
    RunOptions run;
    std::string templateName, templateOutput;
    std::string reviewPath;
    bool reviewJson = false;
    ExportOptions exportOptions;
    CLI::App* validate = nullptr;
    CLI::App* runCmd = nullptr;
    CLI::App* templates = nullptr;
    CLI::App* reviewCmd = nullptr;
    CLI::App* exportCmd = nullptr;
    std::vector<std::unique_ptr<CommandGroup>> groups = commandGroups();

    CommandLine() {
        app.set_version_flag("--version", std::string("scaleboard-cli ") + SCALEBOARD_VERSION);
        app.require_subcommand(1);

        validate = app.add_subcommand("validate", "Check a design file and list its problems");
        validate->add_option("design", validatePath, "Design file (JSON)")->required();

        runCmd = app.add_subcommand("run", "Emulate a design and print (or save) the results");
        runCmd->add_option("design", run.design, "Design file (JSON)")->required();
        runCmd->add_option("--duration", run.length.duration,
                           "Virtual seconds to emulate (default: the design's, else 60)");
        runCmd->add_option("--warmup", run.length.warmup, "Seconds excluded from the summary");
        runCmd->add_option("--seed", run.length.seed, "Random seed (same seed, same numbers)");
        runCmd->add_option("--speed", run.speed, "max, realtime or a factor such as 10x");
        runCmd->add_option("--json", run.json, "Write the result summary as JSON (- for stdout)");
        runCmd->add_option("--csv", run.csv, "Write every time series as CSV (- for stdout)");
        runCmd->add_option("--report", run.report, "Write a report (.html or .pdf)");
        runCmd->add_option("--traffic", run.traffic,
                           "Replay an access log through the traffic source (FILE or NODE=FILE)");
        runCmd->add_option("--timeline", run.timelinePath,
                           "Write the recorded timeline (every sample of every node and link)");
        runCmd->add_flag("--explain", run.explain,
                         "Say what happened (first failure, errors, recovery); adds `explanation` "
                         "to the JSON");
        runCmd->add_flag("--quiet", run.quiet, "Print nothing but errors");

        templates = app.add_subcommand(
            "templates", "List the built-in templates, or write one out (templates NAME -o FILE)");
        templates->add_option("name", templateName,
                              "Template to write (e.g. step03-load-balancer)");
        templates->add_option("-o,--output", templateOutput,
                              "File to write (default: standard output)");

        reviewCmd = app.add_subcommand(
            "review", "Check a design against the scaling path: single points of failure and more");
        reviewCmd->add_option("design", reviewPath, "Design file (JSON)")->required();
        reviewCmd->add_flag("--json", reviewJson, "Print the findings as JSON");

        exportCmd = app.add_subcommand(
            "export", "Write the design's diagram (png, svg, pdf), convert it (mermaid, drawio) "
                      "or run it and write the run's animation (webm, mp4, gif)");
        exportCmd->add_option("design", exportOptions.design, "Design file (JSON)")->required();
        exportCmd
            ->add_option("--format", exportOptions.format,
                         "png, svg, pdf, mermaid, drawio, webm, mp4 or gif")
            ->required()
            ->check(
                CLI::IsMember({"png", "svg", "pdf", "mermaid", "drawio", "webm", "mp4", "gif"}));
        exportCmd->add_option("-o,--output", exportOptions.output, "File to write (- for stdout)")
            ->required();
        exportCmd
            ->add_option("--scale", exportOptions.scale,
                         "Pixels per canvas unit for png and video (0.1-8)")
            ->check(CLI::Range(0.1, 8.0));
        exportCmd->add_option("--from", exportOptions.from,
                              "Video: the first virtual second shown (default 0)");
        exportCmd->add_option("--to", exportOptions.to,
                              "Video: the last virtual second shown (default: the run's end)");
        exportCmd->add_option("--speed", exportOptions.speed,
                              "Video: virtual seconds a second of video, e.g. 4x (default 1)");
        exportCmd->add_option("--fps", exportOptions.fps,
                              "Video: frames a second, 1-60 (default 25, gif 10)");
        exportCmd->add_option("--timeline", exportOptions.timelinePath,
                              "Video: animate this recorded timeline (run --timeline) instead "
                              "of running the design");

        for (const auto& group : groups)
            group->add(app);
    }

    /// Parses and checks the arguments; -1 when a command is ready to run, else the exit
    /// code (0 after --help or --version, 2 for a bad command line, its message printed).
    int parse(int argc, char** argv) {
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            const int code = app.exit(e);
            return code == 0 ? kOk : kBadInput;
        }
        try {
            if (*runCmd)
                checkRunOptions(run);
            if (*exportCmd)
                exportOptions.check();
            for (const auto& group : groups)
                group->check();
        } catch (const BadInput& e) {
            std::cerr << "scaleboard-cli: " << e.message << "\n";
            return kBadInput;
        }
        return -1;
    }
};

/// Hands a command that draws to scaleboard-render, installed (and built) beside this
/// program: scaleboard-cli itself links no Qt. Returns only when it cannot, with why.
std::string handToRenderer(char** argv) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    const fs::path renderer = self.parent_path() / "scaleboard-render";
    if (ec || !fs::exists(renderer, ec))
        return "this command draws, which scaleboard-render does; it is not installed beside "
               "scaleboard-cli (looked for " +
               renderer.string() + ")";
    std::string program = renderer.string();
    std::vector<char*> args{program.data()};
    for (char** a = argv + 1; *a; ++a)
        args.push_back(*a);
    args.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    ::execv(program.c_str(), args.data());
    return "cannot start " + program + ": " + std::strerror(errno);
}

} // namespace

int checkArguments(int argc, char** argv) {
    CommandLine line;
    return line.parse(argc, argv);
}

int runCli(int argc, char** argv, const CliExtensions& extensions) {
    CommandLine line;
    if (const int code = line.parse(argc, argv); code >= 0)
        return code;
    try {
        const std::string& format = line.exportOptions.format;
        const bool draws =
            (*line.exportCmd && format != "mermaid" && format != "drawio" &&
             !(isVideo(format) ? bool(extensions.exportVideo) : bool(extensions.exportDiagram))) ||
            (*line.runCmd && !line.run.report.empty() && !extensions.writeReport) ||
            std::any_of(line.groups.begin(), line.groups.end(),
                        [&extensions](const auto& g) { return g->draws(extensions); });
        if (draws)
            throw BadInput{handToRenderer(argv)};
        if (*line.validate)
            return validateCommand(line.validatePath);
        if (*line.runCmd)
            return runCommand(line.run, extensions);
        if (*line.templates)
            return templatesCommand(line.templateName, line.templateOutput);
        if (*line.reviewCmd)
            return reviewCommand(line.reviewPath, line.reviewJson);
        if (*line.exportCmd)
            return exportCommand(line.exportOptions, extensions);
        for (const auto& group : line.groups)
            if (const std::optional<int> code = group->run(extensions))
                return *code;
    } catch (const BadInput& e) {
        std::cerr << "scaleboard-cli: " << e.message << (e.message.ends_with('\n') ? "" : "\n");
        return kBadInput;
    } catch (const emu::RunError& e) {
        std::cerr << "scaleboard-cli: " << e.what() << "\n";
        return kInternal;
    } catch (const std::exception& e) {
        std::cerr << "scaleboard-cli: internal error: " << e.what() << "\n";
        return kInternal;
    }
    return kInternal;
}

} // namespace sb::cli
