#pragma once

#include "emulator/Kernel.h"
#include "emulator/Node.h"
#include "emulator/Outcomes.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace sb::emu {

class Simulation;

/// What one node did in the run's measurement window: from the end of the warm-up (from
/// t = 0 without one) until now. Every count in a result, a snapshot and a report uses it.
struct NodeWindow {
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t rejected = 0;
    FailureCounts failures{};
    double utilization = 0; ///< busy server time / server time available
    double queueMean = 0;   ///< time-averaged number of requests waiting
    std::uint64_t failed() const { return totalFailures(failures); }
};

/// What a run measures as it goes: a series row every resolution of virtual time (the
/// system's rates and latency, the registered counters, each node's utilisation, queue,
/// errors, time in node and own gauges), and each node's counts and time averages over the
/// measurement window, which opens when the warm-up ends.
class SeriesSampler final : public Entity {
public:
    explicit SeriesSampler(Simulation& sim);

    /// Fixes the series columns from the nodes and counters registered so far.
    void setUp(Time resolution);
    /// Schedules the first row, and the window's opening at `warmup` (now without one).
    void arm(Time warmup);
    Time resolution() const { return m_resolution; }
    std::uint32_t entity() const { return m_entity; }

    /// The node's counts and time averages over the measurement window.
    NodeWindow window(std::uint32_t node) const;
    /// The node's utilisation over the last row's interval.
    double utilization(std::size_t node) const;
    /// The latest sample, one value per series column (before any merging of rows).
    const std::vector<double>& lastSample() const { return m_row; }
    /// Called on the engine thread after each series row is appended.
    void setHook(std::function<void()> hook) { m_hook = std::move(hook); }

    void handleEvent(std::uint32_t kind, std::uint64_t payload) override;

private:
    void sample();
    void openWindow();

    Simulation& m_sim;
    std::uint32_t m_entity;
    Time m_resolution = 100 * kMillisecond;
    std::function<void()> m_hook;
    // Per-interval bookkeeping for rates and utilisation.
    struct NodeSample {
        double busy = 0, capacity = 0, queue = 0;
        double utilization = 0;
        std::uint64_t failed = 0;
        std::uint64_t served = 0; ///< time-in-node histogram count at the last row
        double servedSum = 0;     ///< and its sum, in ns
    };
    std::vector<NodeSample> m_nodeSamples;
    // Each node's state when the measurement window opened.
    struct NodeBaseline {
        NodeCounters counters;
        double busy = 0, capacity = 0, queue = 0;
    };
    std::vector<NodeBaseline> m_baselines;
    std::vector<std::size_t> m_metricCounts; ///< custom gauges per node
    std::vector<CounterId> m_counterColumns; ///< counters with a system column, in order
    MetricList m_scratch;
    std::vector<double> m_row;
};

} // namespace sb::emu
