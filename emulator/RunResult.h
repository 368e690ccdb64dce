#pragma once

#include "emulator/EventLog.h"
#include "emulator/Node.h"
#include "emulator/RunMetrics.h"
#include "emulator/SeriesTable.h"

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::emu {

class Simulation;

/// How a run is driven.
struct RunSettings {
    double durationSeconds = 60;
    double warmupSeconds = 0;
    std::uint64_t seed = 1;
    double speed = 0; ///< 0 = as fast as possible; else virtual seconds per wall second
    double resolutionSeconds = 0.1; ///< series sample interval (virtual time)
    double snapshotIntervalMs = 50; ///< how often observers get a snapshot (wall time)
};

/// One node over the measurement window (after the warm-up).
struct NodeResult {
    std::string id;
    std::string kind;
    double utilization = 0;
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t rejected = 0;
    std::uint64_t failed = 0;
    std::size_t queueDepthMax = 0; ///< the longest queue of the whole run
    double queueMean = 0;          ///< time-averaged requests waiting
    /// Measured time in the node's stations (wait + service); empty for a node that
    /// queues nothing.
    std::uint64_t served = 0;
    double latencyMeanMs = 0, latencyP50Ms = 0, latencyP95Ms = 0, latencyP99Ms = 0,
           latencyMaxMs = 0;
    FailureCounts failures{}; ///< by reason: RunResult::failReasons names the codes
    std::vector<FailureExample> failureExamples; ///< the latest failed requests here
    MetricList metrics;
};

/// Everything a finished run measured: the summary DESIGN.md's --json promises, the
/// series, the event log and the trace fingerprint.
struct RunResult {
    RunSettings settings;
    double virtualSeconds = 0; ///< measured window (after warm-up)
    double wallSeconds = 0;
    std::uint64_t eventsExecuted = 0;
    std::uint64_t fingerprint = 0;
    bool stopped = false; ///< ended early by a stop
    /// Set when the engine failed (an event handler threw): what failed, where and when.
    /// The run ended at that moment; the numbers cover the time before it.
    std::string error;
    std::uint64_t total = 0, ok = 0, failed = 0;
    std::vector<std::string> failReasons; ///< the names of the failure reasons, by code
    FailureCounts failedByReason{};
    std::array<std::uint64_t, kRequestClassCount> okByClass{}, failedByClass{};
    double throughputRps = 0;
    double meanMs = 0, p50Ms = 0, p95Ms = 0, p99Ms = 0, p999Ms = 0, maxMs = 0;
    /// The run's named counters (the `data` object), in the order they were registered.
    std::vector<std::pair<std::string, std::uint64_t>> data;
    std::vector<NodeResult> nodes;
    std::vector<LogEvent> events;
    std::uint64_t eventsDropped = 0;
    SeriesTable series;

    const NodeResult* node(const std::string& id) const;
    /// A node's named metric, or `fallback`.
    double metric(const std::string& id, const std::string& name, double fallback = 0) const;
    std::size_t countEvents(const std::string& kind) const;
    /// Requests failed for the reason called `reason` (0 for a reason nobody registered).
    std::uint64_t failedBy(std::string_view reason) const;
    /// The named counter's value (0 for a counter nobody registered).
    std::uint64_t counter(std::string_view name) const;
    std::string_view reasonName(FailReason reason) const;
};

/// The result of a finished run. Moves the series out of the simulation (no copy of a
/// long run's table): call it once, after the last snapshot.
RunResult summarize(Simulation& sim, const RunSettings& settings, double wallSeconds, bool stopped);

/// The --json document: requests, throughput_rps, latency_ms, nodes, data, events.
nlohmann::json toJson(const RunResult& result);

} // namespace sb::emu
