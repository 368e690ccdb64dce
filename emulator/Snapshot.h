#pragma once

#include "emulator/EventLog.h"
#include "emulator/Node.h"
#include "emulator/Time.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sb::emu {

struct NodeSnapshot {
    std::string id;
    std::string kind;
    bool up = true;
    double utilization = 0; ///< over the last sample interval
    double queue = 0;       ///< requests waiting now
    // Counts over the measurement window (see NodeWindow).
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t rejected = 0;
    FailureCounts failures{}; ///< by reason: Snapshot::failReasons names the codes
    /// Measured time in the node's stations (wait + service) over the window.
    std::uint64_t served = 0;
    double latencyMeanMs = 0, latencyP50Ms = 0, latencyP99Ms = 0;
    MetricList metrics;
};

struct LinkSnapshot {
    std::uint32_t from = 0; ///< node index
    std::uint32_t to = 0;
    double rps = 0; ///< requests per virtual second over the last sample interval
    std::uint64_t failed = 0;
    bool cut = false;
};

/// What the engine publishes to observers: an immutable picture of the run at one moment,
/// plus the series rows and events added since the previous snapshot.
struct Snapshot {
    Time now = 0;
    Time duration = 0;
    double wallSeconds = 0;
    double behindMs = 0; ///< how far real-time pacing lags the wall clock (0 at max speed)
    std::uint64_t eventsExecuted = 0;
    std::uint64_t issued = 0;
    std::uint64_t ok = 0;
    std::uint64_t failed = 0;
    double meanMs = 0, p50Ms = 0, p95Ms = 0, p99Ms = 0;
    std::vector<std::string> failReasons; ///< the names of the failure reasons, by code
    std::vector<NodeSnapshot> nodes;
    std::vector<LinkSnapshot> links;
    /// The series' column names, shared with the run's series table (not copied for every
    /// snapshot); the same pointer until the columns change.
    std::shared_ptr<const std::vector<std::string>> seriesColumns;
    /// Index of newRows[0] in the run's series; back to 0, with every row, after the series
    /// merged row pairs on a long run.
    std::size_t firstRow = 0;
    std::vector<double> newTimes;
    std::vector<std::vector<double>> newRows; ///< one vector of column values per new row
    std::vector<LogEvent> newEvents;
    bool paused = false;
    bool finished = false;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

} // namespace sb::emu
