#pragma once

#include "emulator/Kernel.h"
#include "emulator/LatencyHistogram.h"
#include "emulator/Message.h"
#include "emulator/Outcomes.h"
#include "emulator/Request.h"
#include "emulator/RequestPool.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::emu {

class SeriesSampler;
class Simulation;
class Station;

/// Named gauges a node reports at each sample ("hit_rate", "lag_ms").
using MetricList = std::vector<std::pair<std::string, double>>;

/// One failed request kept as an example for the error log.
struct FailureExample {
    Time time = 0;
    RequestClass cls = RequestClass::Read;
    FailReason reason = FailReason::None;
    std::uint32_t key = 0;
    std::uint32_t user = 0;
};

/// Requests failed for any reason, from per-reason counts.
std::uint64_t totalFailures(const FailureCounts& byReason);

/// Counters every node keeps.
struct NodeCounters {
    static constexpr std::size_t kExamples = 4;
    std::uint64_t arrivals = 0;
    std::uint64_t completed = 0;
    std::uint64_t rejected = 0;                       ///< refused for overload (503)
    FailureCounts failures{};                         ///< requests failed here, by reason
    std::array<FailureExample, kExamples> examples{}; ///< the latest failures, a ring
    std::uint64_t examplesSeen = 0;
    std::uint64_t failed() const;
    /// Counts a failure here and keeps it as the newest example.
    void recordFailure(const Request& r, FailReason reason, Time now);
    /// The kept examples, oldest first.
    std::vector<FailureExample> latestExamples() const;
};

/// A participant of the emulated system: an instance of a component kind. The engine
/// routes requests between nodes along links and knows nothing of what a kind does.
class Node : public Entity {
public:
    Node(Simulation& sim, std::string id, std::string kind);

    const std::string& id() const { return m_id; }
    const std::string& kind() const { return m_kind; }
    std::uint32_t index() const { return m_index; } ///< position in Simulation::nodes()
    std::uint32_t entity() const { return m_entity; }
    bool isUp() const { return m_up; }
    const std::vector<std::uint32_t>& outLinks() const { return m_outLinks; }
    const std::vector<std::uint32_t>& inLinks() const { return m_inLinks; }

    /// Called once at time 0, after every node and link exists.
    virtual void start() {}
    /// A request arrived over `link`.
    virtual void onRequest(std::uint32_t request, std::uint32_t link) = 0;
    /// A request this node sent on came back (check Request::failed()); while the node is
    /// down, only the ones it made itself (a call's attempts) do, the others fail.
    virtual void onReply(std::uint32_t request) { (void)request; }
    /// A message sent to this node arrived (it is up; the link was not cut).
    virtual void onMessage(const Message& message) { (void)message; }
    virtual void onTimer(std::uint32_t timer, std::uint64_t payload) {
        (void)timer;
        (void)payload;
    }
    /// Fault hooks: the default marks the node down or up and fails its stations' work.
    void fail();
    void recover();
    virtual void setSlowdown(double factor);
    double slowdown() const { return m_slowdown; }
    /// Gauges for series and results, in a fixed order and set of names.
    virtual void collectMetrics(MetricList& out) const { (void)out; }
    /// A property changed while running ("set" fault or a live edit); returns false if the
    /// node does not take that change live.
    virtual bool applyProperty(const std::string& name, double value) {
        (void)name;
        (void)value;
        return false;
    }

    NodeCounters& counters() { return m_counters; }
    const NodeCounters& counters() const { return m_counters; }
    const std::vector<Station*>& stations() const { return m_stations; }
    /// Time requests spent at this node's stations (wait + service), recorded as each
    /// finishes service; cleared when the warm-up ends.
    const LatencyHistogram& timeInNode() const { return m_timeInNode; }

    void handleEvent(std::uint32_t kind, std::uint64_t payload) final;

protected:
    /// Sends a request downstream over one of this node's links.
    void send(std::uint32_t request, std::uint32_t link);
    /// Sends over `link`'s path but to another node (a reconnect to a promoted primary).
    void sendVia(std::uint32_t request, std::uint32_t link, std::uint32_t targetNode);
    /// Sends a message over `link` to `targetNode` (see Message).
    template <typename T>
    void sendMessage(std::uint32_t link, std::uint32_t targetNode, std::uint32_t tag,
                     const T& body) {
        postMessage(link, targetNode, Message::of(tag, body));
    }
    /// This node's progress marker for a request it holds (see Request::phase).
    std::uint8_t& phase(std::uint32_t slot) {
        Request& r = request(slot);
        return r.phase[r.depth];
    }
    /// Says what this node did with a request whose path is traced ("hit", "miss"); does
    /// nothing for the others.
    void noteTrace(std::uint32_t request, std::string_view note);
    /// Returns a request to whoever sent it here.
    void reply(std::uint32_t request);
    /// Marks a request failed here for `reason` and returns it.
    void failRequest(std::uint32_t request, FailReason reason);
    void startTimer(Time delay, std::uint32_t timer, std::uint64_t payload = 0);
    /// A timer that can be cancelled: it costs a slot more than startTimer, so use it for
    /// timers that a change of state makes moot (a failover step, a stream cut).
    TimerHandle startCancellableTimer(Time delay, std::uint32_t timer, std::uint64_t payload = 0);
    /// Cancels a timer if it has not fired, and clears the handle; harmless on a fired,
    /// cancelled or empty handle.
    void cancelTimer(TimerHandle& handle);
    /// A kernel lane for timers this node always starts with one delay (a timeout): they
    /// fall due in the order they were started, so they cost a FIFO, not the heap.
    std::uint32_t addTimerLane();
    void startTimerInLane(std::uint32_t lane, Time delay, std::uint32_t timer,
                          std::uint64_t payload = 0);
    void addStation(Station* station);
    virtual void onFailed() {}
    virtual void onRecovered() {}
    Request& request(std::uint32_t slot) { return m_requests[slot]; }
    Time now() const { return m_kernel.now(); }

    Simulation& m_sim;

private:
    friend class Simulation;
    friend class SeriesSampler; // opens the measurement window
    void postMessage(std::uint32_t link, std::uint32_t targetNode, const Message& message);
    const Kernel& m_kernel; ///< m_sim's, held here so that now() inlines
    RequestPool& m_requests;
    std::string m_id;
    std::string m_kind;
    std::uint32_t m_index = 0;
    std::uint32_t m_entity = 0;
    bool m_up = true;
    double m_slowdown = 1.0;
    NodeCounters m_counters;
    LatencyHistogram m_timeInNode;
    std::vector<std::uint32_t> m_outLinks;
    std::vector<std::uint32_t> m_inLinks;
    std::vector<Station*> m_stations;
};

} // namespace sb::emu
