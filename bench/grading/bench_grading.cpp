// The cost of grading: `scaleboard-cli grade PROBLEM REFERENCE --seeds 5 --json` run as a
// child process (the code path a user runs: load the problem and the design, apply the
// problem's traffic and faults, run the five seeds on parallel threads, write the
// scorecard), against a baseline in the same bench run: one `scaleboard-cli run` of the
// same reference design as written (its own clients' rate, no faults) for the problem's
// run length. Prints both wall times, their ratio and whether the target (grading
// one problem over 5 seeds in at most 10 s on the 2-core machine) is met, for the news
// feed and for the heaviest problem. Run it on an idle machine; the load average before
// each run is printed. Usage: bench_grading [PROBLEM...]
#include <nlohmann/json.hpp>

#include "bench/common/ChildRun.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr double kTargetSeconds = 10.0;

/// Runs scaleboard-cli with `args`, its standard output sent to `out` (or discarded).
sbbench::ChildRun cli(std::vector<std::string> args, const std::string& out = "/dev/null") {
    args.insert(args.begin(), SCALEBOARD_CLI);
    return sbbench::runChild(std::move(args), out);
}

nlohmann::json readJson(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    return nlohmann::json::parse(in);
}

std::string number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

/// Benchmarks one problem; true when its grading met the target.
bool benchProblem(const std::string& id) {
    const std::string tmp = "/tmp/bench_grading_" + std::to_string(getpid()) + "_" + id;
    const std::string reference = tmp + "_reference.json";
    const std::string runJson = tmp + "_run.json";
    const std::string cardJson = tmp + "_scorecard.json";
    if (cli({"problems", "show", id, "--reference", reference}).exitCode != 0)
        throw std::runtime_error("scaleboard-cli problems show " + id + " --reference failed");

    const nlohmann::json problem =
        readJson(SCALEBOARD_SOURCE_DIR "/resources/problems/" + id + ".json");
    const nlohmann::json run = problem.value("run", nlohmann::json::object());
    const double duration = run.value("duration_s", 30.0);
    const double warmup = run.value("warmup_s", 5.0);

    const std::string loadBase = sbbench::loadAverage();
    const sbbench::ChildRun base =
        cli({"run", reference, "--duration", number(duration), "--warmup", number(warmup), "--seed",
             "1", "--quiet", "--json", runJson});
    if (base.exitCode != 0)
        throw std::runtime_error("scaleboard-cli run of " + id + "'s reference failed (exit " +
                                 std::to_string(base.exitCode) + ")");
    const std::string loadGrade = sbbench::loadAverage();
    const sbbench::ChildRun grade =
        cli({"grade", id, reference, "--seeds", "5", "--json"}, cardJson);
    if (grade.exitCode > 1)
        throw std::runtime_error("scaleboard-cli grade " + id + " failed on input (exit " +
                                 std::to_string(grade.exitCode) + ")");
    const nlohmann::json baseResult = readJson(runJson);
    const nlohmann::json card = readJson(cardJson);
    std::remove(reference.c_str());
    std::remove(runJson.c_str());
    std::remove(cardJson.c_str());

    const bool met = grade.wallSeconds <= kTargetSeconds;
    std::printf("%s: run length %g s (warm-up %g s), %zu fault(s)\n", id.c_str(), duration, warmup,
                card.value("faults", nlohmann::json::array()).size());
    std::printf("  run (1 seed, reference as written, no faults): %7.3f s wall, %.0f req/s "
                "answered (load average before: %s)\n",
                base.wallSeconds, baseResult.value("throughput_rps", 0.0), loadBase.c_str());
    std::printf("  grade --seeds 5 (problem's traffic and faults): %7.3f s wall, %.0f req/s "
                "offered, scorecard %s (load average before: %s)\n",
                grade.wallSeconds, card.value("offered_rps", 0.0),
                card.value("passed", false) ? "passed" : "FAILED", loadGrade.c_str());
    std::printf("  ratio grade / run: %.1fx\n", grade.wallSeconds / base.wallSeconds);
    std::printf("  target (grade over 5 seeds <= %.0f s on 2 cores): %s\n", kTargetSeconds,
                met ? "met" : "NOT MET");
    return met && card.value("passed", false);
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> problems{"news-feed", "scaling-step11-multi-datacentre"};
    if (argc > 1)
        problems.assign(argv + 1, argv + argc);
    try {
        bool all = true;
        for (const std::string& id : problems)
            all = benchProblem(id) && all;
        return all ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_grading: %s\n", e.what());
        return 1;
    }
}
