#include "cli/CliCommon.h"

#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "design/FilePaths.h"
#include "design/PropertySpec.h"
#include "design/Roles.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace sb::cli {

design::Design loadOrThrow(const std::string& path) {
    auto loaded = design::readDesignFile(path, comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        throw BadInput{design::formatProblems(loaded.problems)};
    return *loaded.design;
}

design::Design loadForRun(const std::string& path) {
    design::Design d = loadOrThrow(path);
    design::resolveFilePaths(d, comp::ComponentRegistry::builtin(),
                             std::filesystem::path(path).parent_path().string());
    return d;
}

void replayTraffic(design::Design& design, const std::string& option) {
    const auto& registry = comp::ComponentRegistry::builtin();
    std::vector<design::Node*> sources;
    for (design::Node& n : design.nodes)
        if (registry.hasRole(n.kind, design::roles::kTrafficSource))
            sources.push_back(&n);
    std::string file = option;
    design::Node* target = sources.size() == 1 ? sources.front() : nullptr;
    if (const std::size_t eq = option.find('='); eq != std::string::npos) {
        const std::string id = option.substr(0, eq);
        const auto named = std::find_if(sources.begin(), sources.end(),
                                        [&id](const design::Node* n) { return n->id.value == id; });
        if (named != sources.end()) {
            target = *named;
            file = option.substr(eq + 1);
        }
    }
    if (!target)
        throw BadInput{sources.empty()
                           ? std::string("--traffic: the design has no traffic source to replay "
                                         "the log through")
                           : "--traffic: the design has " + std::to_string(sources.size()) +
                                 " traffic sources; name one as --traffic NODE=FILE"};
    if (!std::ifstream(file))
        throw BadInput{"--traffic: cannot read the access log '" + file + "'"};
    target->props["traffic_log"] = std::filesystem::absolute(file).lexically_normal().string();
}

double secondsOption(const std::string& name, const std::string& text, double min, double max,
                     bool minAllowed) {
    const std::string range = (minAllowed ? "from " : "more than ") + design::formatNumber(min) +
                              (minAllowed ? " to " : " and at most ") + design::formatNumber(max) +
                              " seconds";
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v) && (minAllowed ? v >= min : v > min) &&
            v <= max)
            return v;
    } catch (const std::exception&) {
    }
    throw BadInput{name + " must be " + range + ", got '" + text.substr(0, 40) + "'"};
}

std::uint64_t seedOption(const std::string& text) {
    const bool digits = !text.empty() && text.size() <= 20 &&
                        text.find_first_not_of("0123456789") == std::string::npos;
    if (digits) {
        errno = 0;
        const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
        if (errno == 0)
            return v;
    }
    throw BadInput{"--seed must be a whole number from 0 to 18446744073709551615, got '" +
                   text.substr(0, 40) + "'"};
}

void writeOrThrow(const std::string& path, const std::string& text) {
    std::string error = design::writeFileAtomically(path, text);
    if (!error.empty())
        throw BadInput{error};
}

void checkOutputs(const std::string& input,
                  const std::vector<std::pair<std::string, std::string>>& outputs) {
    namespace fs = std::filesystem;
    auto same = [](const std::string& a, const std::string& b) {
        std::error_code ec;
        if (fs::equivalent(a, b, ec))
            return true;
        return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec) && !ec;
    };
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const auto& [option, path] = outputs[i];
        if (path.empty() || path == "-")
            continue;
        if (same(path, input))
            throw BadInput{option + " " + path +
                           " is the design file itself: writing it would destroy the design"};
        for (std::size_t j = 0; j < i; ++j)
            if (outputs[j].second != "-" && !outputs[j].second.empty() &&
                same(path, outputs[j].second))
                throw BadInput{option + " and " + outputs[j].first + " name the same file, " +
                               path};
    }
}

void RunLengthOptions::check() const {
    if (duration)
        secondsOption("--duration", *duration, 0, 86400, false);
    if (warmup)
        secondsOption("--warmup", *warmup, 0, 86400, true);
    if (seed)
        seedOption(*seed);
}

emu::RunSettings RunLengthOptions::settingsFor(const design::Design& d) const {
    emu::RunSettings settings = comp::runSettingsFor(d);
    if (duration)
        settings.durationSeconds = secondsOption("--duration", *duration, 0, 86400, false);
    if (warmup)
        settings.warmupSeconds = secondsOption("--warmup", *warmup, 0, 86400, true);
    if (settings.warmupSeconds >= settings.durationSeconds)
        throw BadInput{(warmup ? "--warmup " : "the design's warm-up (run.warmup_s) of ") +
                       design::formatNumber(settings.warmupSeconds) + " s must be shorter than " +
                       (duration ? "--duration " : "the design's duration (run.duration_s) of ") +
                       design::formatNumber(settings.durationSeconds) + " s"};
    if (seed)
        settings.seed = seedOption(*seed);
    return settings;
}

void printSummary(const design::Design& d, const emu::RunResult& r) {
    std::printf("%s — %.1f s emulated (seed %llu) in %.2f s wall, %llu events\n",
                d.name.empty() ? "design" : d.name.c_str(), r.virtualSeconds,
                static_cast<unsigned long long>(r.settings.seed), r.wallSeconds,
                static_cast<unsigned long long>(r.eventsExecuted));
    std::printf("requests  %llu total, %llu ok, %llu failed (%.2f%%)\n",
                static_cast<unsigned long long>(r.total), static_cast<unsigned long long>(r.ok),
                static_cast<unsigned long long>(r.failed),
                r.total ? 100.0 * static_cast<double>(r.failed) / static_cast<double>(r.total)
                        : 0.0);
    std::printf("throughput %.1f req/s\n", r.throughputRps);
    std::printf("latency ms  mean %.2f  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f\n", r.meanMs,
                r.p50Ms, r.p95Ms, r.p99Ms, r.maxMs);
    std::printf("data      %llu stale reads, %llu lost writes\n",
                static_cast<unsigned long long>(r.counter("stale_reads")),
                static_cast<unsigned long long>(r.counter("lost_writes")));
    std::printf("\n%-18s %-14s %6s %12s %10s %10s\n", "node", "kind", "util", "completed",
                "rejected", "failed");
    for (const auto& n : r.nodes)
        std::printf("%-18s %-14s %5.1f%% %12llu %10llu %10llu\n", n.id.c_str(), n.kind.c_str(),
                    100 * n.utilization, static_cast<unsigned long long>(n.completed),
                    static_cast<unsigned long long>(n.rejected),
                    static_cast<unsigned long long>(n.failed));
    if (!r.events.empty()) {
        std::printf("\nevents (%zu)\n", r.events.size());
        std::size_t shown = 0;
        for (const auto& e : r.events) {
            if (++shown > 20) {
                std::printf("  ... %zu more\n", r.events.size() - 20);
                break;
            }
            std::printf("  %8.2f s  %-16s %-12s %s\n", emu::toSeconds(e.time), e.kind.c_str(),
                        e.node.c_str(), e.detail.c_str());
        }
    }
}

double parseSpeed(const std::string& text) {
    if (text == "max")
        return 0;
    if (text == "realtime")
        return 1;
    std::string number = text;
    if (!number.empty() && (number.back() == 'x' || number.back() == 'X'))
        number.pop_back();
    try {
        std::size_t used = 0;
        double v = std::stod(number, &used);
        if (used == number.size() && v >= 0.1 && v <= 100)
            return v;
    } catch (const std::exception&) {
    }
    throw BadInput{"--speed must be max, realtime or a factor from 0.1 to 100 (e.g. 10x), got '" +
                   text + "'"};
}

/// The simulation of a design, or BadInput when a property's file cannot be read.
std::unique_ptr<emu::Simulation> buildOrThrow(const design::Design& d, std::uint64_t seed) {
    try {
        return comp::buildSimulation(d, comp::ComponentRegistry::builtin(), seed);
    } catch (const std::invalid_argument& e) {
        throw BadInput{e.what()};
    }
}

} // namespace sb::cli
