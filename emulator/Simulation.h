#pragma once

#include "emulator/EventLog.h"
#include "emulator/Kernel.h"
#include "emulator/Link.h"
#include "emulator/Message.h"
#include "emulator/Node.h"
#include "emulator/Outcomes.h"
#include "emulator/RandomStream.h"
#include "emulator/RequestPool.h"
#include "emulator/RunMetrics.h"
#include "emulator/SeriesTable.h"
#include "emulator/Snapshot.h"

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sb::emu {

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

/// One node a traced request reached, and what the node said of it ("hit", "miss").
struct TraceHop {
    std::uint32_t node = 0;
    std::string note;
};

/// One emulated system: the kernel, the nodes and links, the request pool and everything
/// measured. Built by the component layer from a design, then run by RunControl.
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
    std::vector<Link>& links() { return m_links; }
    const std::vector<Link>& links() const { return m_links; }

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
    NodeWindow window(std::uint32_t node) const;

    /// Starts every node and the sampler; call once before running. The measurement
    /// window opens at `warmup`: node counters and time integrals are taken as a baseline
    /// then, and each node's time-in-node histogram starts over.
    void start(Time resolution, Time warmup);
    bool started() const { return m_started; }
    Time resolution() const { return m_resolution; }
    /// Called on the engine thread after each series row is appended.
    void setSampleHook(std::function<void()> hook) { m_sampleHook = std::move(hook); }
    /// The latest sample, one value per series column (before any merging of rows).
    const std::vector<double>& lastSample() const { return m_row; }

    /// A snapshot of the run now, with series rows from `fromRow` and events from `fromEvent`.
    /// The caller completes the wall-clock fields before publishing it as a SnapshotPtr.
    std::shared_ptr<Snapshot> snapshot(std::size_t fromRow, std::size_t fromEvent,
                                       Time duration) const;

    /// Records the path of one request from here on (a real request to a live endpoint):
    /// its origin and every node it is sent to, until takeTrace. Costs nothing for the
    /// requests that are not traced.
    void traceRequest(std::uint32_t slot);
    /// Lets `node` say what it did with a traced request ("hit"); a request that is not
    /// traced is left alone.
    void noteTrace(std::uint32_t slot, std::uint32_t node, std::string_view note);
    /// The hops of a traced request, oldest first, and forgets them (empty when untraced).
    std::vector<TraceHop> takeTrace(std::uint32_t slot);

    // Messaging used by Node.
    void transmit(Node& from, std::uint32_t request, std::uint32_t link,
                  std::uint32_t targetNode = UINT32_MAX);
    void returnRequest(Node& from, std::uint32_t request);
    /// Sends a message from `from` over `link` to `target` (a node at either end, or one
    /// reached through it, like Node::sendVia); see Message for what can befall it.
    void sendMessage(Node& from, std::uint32_t link, std::uint32_t target, Message message);
    /// Takes the message of a delivery event out of flight; false when it met its link cut.
    bool receiveMessage(std::uint32_t slot, Message& out);

private:
    class Sampler;
    class ActionRunner;
    static std::size_t nextServiceIndex();
    void adopt(std::unique_ptr<Node> node);
    void sample();
    void openWindow();

    std::uint64_t m_seed;
    Kernel m_kernel;
    RequestPool m_requests;
    RunMetrics m_metrics;
    Outcomes m_outcomes;
    EventLog m_log;
    SeriesTable m_series;
    std::vector<std::unique_ptr<Node>> m_nodes;
    std::unordered_map<std::string, std::uint32_t> m_nodeIndex;
    std::vector<Link> m_links;
    std::vector<Message> m_messages; ///< messages in flight, by slot
    std::vector<std::uint32_t> m_freeMessages;
    std::unique_ptr<Sampler> m_sampler;
    std::unique_ptr<ActionRunner> m_actions;
    std::function<void()> m_sampleHook;
    std::vector<std::shared_ptr<void>> m_services;                     ///< by service index
    std::unordered_map<std::uint32_t, std::vector<TraceHop>> m_traces; ///< by request slot
    Time m_resolution = 100 * kMillisecond;
    bool m_started = false;

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
    std::vector<std::uint64_t> m_linkSent;
    std::vector<double> m_linkRate;
    std::vector<std::size_t> m_metricCounts; ///< custom gauges per node
    std::vector<CounterId> m_counterColumns; ///< counters with a system column, in order
    MetricList m_scratch;
    std::vector<double> m_row;
};

} // namespace sb::emu
