#pragma once

#include "emulator/EventLog.h"
#include "emulator/Kernel.h"
#include "emulator/Link.h"
#include "emulator/Message.h"
#include "emulator/Network.h"
#include "emulator/Node.h"
#include "emulator/Outcomes.h"
#include "emulator/RandomStream.h"
#include "emulator/RequestPool.h"
#include "emulator/RunMetrics.h"
#include "emulator/SeriesSampler.h"
#include "emulator/SeriesTable.h"
#include "emulator/Snapshot.h"

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sb::emu {

/// One emulated system: the kernel, the nodes, the network between them, the request pool
/// and everything measured (the sampler's series and windows, snapshots of the run). Built
/// by the component layer from a design, then run by RunControl.
class Simulation {
public:
    explicit Simulation(std::uint64_t seed);
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    Kernel& kernel() { return m_kernel; }
    const Kernel& kernel() const { return m_kernel; }
    Time now() const { return m_kernel.now(); }
    std::uint64_t seed() const { return m_seed; }
    RequestPool& requests() { return m_requests; }
    RunMetrics& metrics() { return m_metrics; }
    const RunMetrics& metrics() const { return m_metrics; }
    EventLog& log() { return m_log; }
    const EventLog& log() const { return m_log; }
    /// The failure reasons and named counters of this run (the component layer registers
    /// its own while it builds the simulation).
    Outcomes& outcomes() { return m_outcomes; }
    const Outcomes& outcomes() const { return m_outcomes; }
    SeriesTable& series() { return m_series; }
    const SeriesTable& series() const { return m_series; }

    /// A random stream of its own for an owner (node id) and purpose.
    RandomStream stream(std::string_view owner, std::string_view purpose) const {
        return RandomStream(m_seed, owner, purpose);
    }

    template <typename T, typename... Args> T& addNode(Args&&... args) {
        auto node = std::make_unique<T>(*this, std::forward<Args>(args)...);
        T& ref = *node;
        adopt(std::move(node));
        return ref;
    }
    std::uint32_t addLink(std::uint32_t from, std::uint32_t to, Time latency, Time jitter = 0,
                          double loss = 0);

    const std::vector<std::unique_ptr<Node>>& nodes() const { return m_nodes; }
    Node& node(std::uint32_t index) { return *m_nodes[index]; }
    Node* findNode(const std::string& id) const;
    /// Names a kernel entity for a message: "node 'web1' (web_server)", or what the
    /// engine's own entities do.
    std::string describeEntity(std::uint32_t entity) const;
    Network& network() { return m_network; }
    const Network& network() const { return m_network; }
    std::vector<Link>& links() { return m_network.links(); }
    const std::vector<Link>& links() const { return m_network.links(); }

    /// One shared object of type T per simulation (e.g. the versioned data truth),
    /// created on first use. Lets components share state without the engine knowing it.
    template <typename T> T& service() {
        static const std::size_t index = nextServiceIndex(); // one per type, process-wide
        if (index >= m_services.size())
            m_services.resize(index + 1);
        auto& slot = m_services[index];
        if (!slot)
            slot = std::make_shared<T>();
        return *static_cast<T*>(slot.get());
    }

    void logEvent(std::string kind, std::string node, std::string detail = {});
    /// Runs an action at a virtual time (scheduled faults, commands, live changes); the
    /// handle cancels it.
    TimerHandle at(Time when, std::function<void()> action);
    /// Cancels an action that has not run (and lets go of it), and clears the handle;
    /// harmless on one that ran, was cancelled, or is empty.
    void cancel(TimerHandle& action);

    /// The node's counts and time averages over the measurement window.
    NodeWindow window(std::uint32_t node) const { return m_sampler.window(node); }

    /// Starts every node and the sampler; call once before running. The measurement
    /// window opens at `warmup`: node counters and time integrals are taken as a baseline
    /// then, and each node's time-in-node histogram starts over.
    void start(Time resolution, Time warmup);
    bool started() const { return m_started; }
    Time resolution() const { return m_sampler.resolution(); }
    /// Called on the engine thread after each series row is appended.
    void setSampleHook(std::function<void()> hook) { m_sampler.setHook(std::move(hook)); }
    /// The latest sample, one value per series column (before any merging of rows).
    const std::vector<double>& lastSample() const { return m_sampler.lastSample(); }

    /// A snapshot of the run now, with series rows from `fromRow` and events from `fromEvent`.
    /// The caller completes the wall-clock fields before publishing it as a SnapshotPtr.
    std::shared_ptr<Snapshot> snapshot(std::size_t fromRow, std::size_t fromEvent,
                                       Time duration) const;

private:
    class ActionRunner;
    static std::size_t nextServiceIndex();
    void adopt(std::unique_ptr<Node> node);

    std::uint64_t m_seed;
    Kernel m_kernel;
    RequestPool m_requests;
    RunMetrics m_metrics;
    Outcomes m_outcomes;
    EventLog m_log;
    SeriesTable m_series;
    std::vector<std::unique_ptr<Node>> m_nodes;
    std::unordered_map<std::string, std::uint32_t> m_nodeIndex;
    Network m_network;
    SeriesSampler m_sampler;
    std::unique_ptr<ActionRunner> m_actions;
    std::vector<std::shared_ptr<void>> m_services; ///< by service index
    bool m_started = false;
};

} // namespace sb::emu
