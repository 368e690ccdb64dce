#include "emulator/Node.h"

#include "emulator/Simulation.h"
#include "emulator/Station.h"

#include <algorithm>
#include <numeric>

namespace sb::emu {

namespace {
using delivery::kMessage;
using delivery::kReply;
using delivery::kRequest;
constexpr std::uint32_t kTimerBase = 2; // timers come after the network's kinds
} // namespace

std::uint64_t totalFailures(const FailureCounts& byReason) {
    return std::accumulate(byReason.begin(), byReason.end(), std::uint64_t{0});
}

std::uint64_t NodeCounters::failed() const {
    return totalFailures(failures);
}

void NodeCounters::recordFailure(const Request& r, FailReason reason, Time now) {
    ++failures[static_cast<int>(reason)];
    if (reason == FailReason::Overloaded)
        ++rejected;
    examples[examplesSeen++ % kExamples] = {now, r.cls, reason, r.key, r.user};
}

std::vector<FailureExample> NodeCounters::latestExamples() const {
    std::vector<FailureExample> out;
    const std::uint64_t kept = std::min<std::uint64_t>(examplesSeen, kExamples);
    for (std::uint64_t i = examplesSeen - kept; i < examplesSeen; ++i)
        out.push_back(examples[i % kExamples]);
    return out;
}

Node::Node(Simulation& sim, std::string id, std::string kind)
    : m_sim(sim)
    , m_kernel(sim.kernel())
    , m_requests(sim.requests())
    , m_id(std::move(id))
    , m_kind(std::move(kind)) {}

void Node::addStation(Station* station) {
    station->recordSojournInto(&m_timeInNode);
    m_stations.push_back(station);
}

void Node::handleEvent(std::uint32_t kind, std::uint64_t payload) {
    const auto slot = static_cast<std::uint32_t>(payload);
    if (kind == kRequest) {
        ++m_counters.arrivals;
        if (!m_up) {
            failRequest(slot, FailReason::NodeDown);
            return;
        }
        onRequest(slot, static_cast<std::uint32_t>(payload >> 32));
    } else if (kind == kReply) {
        const Request& r = request(slot);
        // The node died while the request was downstream: the answer has nowhere to go. A
        // request it made itself (depth 0, not a system message: a call's attempt) came
        // home all the same: it is the node's to release.
        if (!m_up && !r.failed() && (r.depth > 0 || r.internal)) {
            failRequest(slot, FailReason::NodeDown);
            return;
        }
        onReply(slot);
    } else if (kind == kMessage) {
        Message m;
        if (m_sim.network().receiveMessage(slot, m) && m_up)
            onMessage(m);
    } else {
        onTimer(kind - kTimerBase, payload);
    }
}

void Node::noteTrace(std::uint32_t slot, std::string_view note) {
    if (request(slot).traced) [[unlikely]]
        m_sim.network().noteTrace(slot, m_index, note);
}

void Node::send(std::uint32_t request, std::uint32_t link) {
    m_sim.network().transmit(*this, request, link);
}

void Node::sendVia(std::uint32_t request, std::uint32_t link, std::uint32_t targetNode) {
    m_sim.network().transmit(*this, request, link, targetNode);
}

void Node::postMessage(std::uint32_t link, std::uint32_t targetNode, const Message& message) {
    m_sim.network().sendMessage(*this, link, targetNode, message);
}

void Node::reply(std::uint32_t request) {
    m_sim.network().returnRequest(request);
}

void Node::failRequest(std::uint32_t slot, FailReason reason) {
    Request& r = request(slot);
    if (!r.failed()) {
        r.failure = reason;
        m_counters.recordFailure(r, reason, now());
    }
    reply(slot);
}

void Node::startTimer(Time delay, std::uint32_t timer, std::uint64_t payload) {
    m_sim.kernel().scheduleIn(delay, m_entity, kTimerBase + timer, payload);
}

TimerHandle Node::startCancellableTimer(Time delay, std::uint32_t timer, std::uint64_t payload) {
    return m_sim.kernel().scheduleCancellableIn(delay, m_entity, kTimerBase + timer, payload);
}

void Node::cancelTimer(TimerHandle& handle) {
    m_sim.kernel().cancel(handle);
    handle = {};
}

std::uint32_t Node::addTimerLane() {
    return m_sim.kernel().addLane();
}

void Node::startTimerInLane(std::uint32_t lane, Time delay, std::uint32_t timer,
                            std::uint64_t payload) {
    m_sim.kernel().scheduleInLane(lane, delay, m_entity, kTimerBase + timer, payload);
}

void Node::fail() {
    if (!m_up)
        return;
    m_up = false;
    m_sim.logEvent("node_failed", m_id);
    for (Station* s : m_stations)
        s->failAll(FailReason::NodeDown);
    onFailed();
}

void Node::recover() {
    if (m_up)
        return;
    m_up = true;
    m_sim.logEvent("node_recovered", m_id);
    onRecovered();
}

void Node::setSlowdown(double factor) {
    m_slowdown = factor;
    for (Station* s : m_stations)
        s->setSpeedFactor(factor);
}

} // namespace sb::emu
