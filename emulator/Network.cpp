#include "emulator/Network.h"

#include "emulator/Node.h"

namespace sb::emu {

Network::Network(Kernel& kernel, RequestPool& requests,
                 const std::vector<std::unique_ptr<Node>>& nodes)
    : m_kernel(kernel)
    , m_requests(requests)
    , m_nodes(nodes) {}

std::uint32_t Network::add(Link link) {
    link.lane = m_kernel.addLane();
    link.replyLane = m_kernel.addLane();
    m_links.push_back(std::move(link));
    return static_cast<std::uint32_t>(m_links.size() - 1);
}

void Network::transmit(Node& from, std::uint32_t slot, std::uint32_t linkIndex,
                       std::uint32_t targetNode) {
    Request& r = m_requests[slot];
    Link& link = m_links[linkIndex];
    ++link.sent;
    if (r.depth >= Request::kMaxDepth) {
        r.failure = FailReason::NoRoute;
        m_kernel.scheduleIn(0, from.entity(), delivery::kReply, slot);
        return;
    }
    ++r.hops;
    r.stack[r.depth++] = {from.index(), linkIndex};
    if (link.cut || (link.loss > 0 && link.rng.chance(link.loss))) {
        ++link.failed;
        if (!r.failed()) {
            const FailReason reason = link.cut ? FailReason::Partition : FailReason::Dropped;
            r.failure = reason;
            from.counters().recordFailure(r, reason, m_kernel.now());
        }
        --r.depth;
        // The sender learns of the failure after a connection attempt's round trip.
        m_kernel.scheduleIn(2 * link.latency, from.entity(), delivery::kReply, slot);
        return;
    }
    const std::uint32_t to = targetNode == UINT32_MAX ? link.to : targetNode;
    if (r.traced) [[unlikely]]
        m_traces[slot].push_back({to, {}});
    m_kernel.scheduleInLane(link.lane, link.sampleLatency(), m_nodes[to]->entity(),
                            delivery::kRequest,
                            slot | (static_cast<std::uint64_t>(linkIndex) << 32));
}

void Network::returnRequest(std::uint32_t slot) {
    Request& r = m_requests[slot];
    if (r.depth == 0) {
        // Nobody to return to: the request ends here. An internal message (a cache fill, a
        // replication or queue delivery) whose sender died is freed; client requests are
        // always freed by their clients node.
        if (r.internal)
            m_requests.release(slot);
        return;
    }
    const ReturnHop hop = r.stack[--r.depth];
    Link& link = m_links[hop.link];
    m_kernel.scheduleInLane(link.replyLane, link.sampleLatency(), m_nodes[hop.node]->entity(),
                            delivery::kReply, slot);
}

void Network::sendMessage(Node& from, std::uint32_t linkIndex, std::uint32_t target,
                          Message message) {
    Link& link = m_links[linkIndex];
    ++link.messages;
    if (link.cut || (link.loss > 0 && link.messageRng.chance(link.loss))) {
        ++link.messagesLost;
        return;
    }
    message.link = linkIndex;
    message.from = from.index();
    message.to = target;
    std::uint32_t slot;
    if (m_freeMessages.empty()) {
        slot = static_cast<std::uint32_t>(m_messages.size());
        m_messages.push_back(message);
    } else {
        slot = m_freeMessages.back();
        m_freeMessages.pop_back();
        m_messages[slot] = message;
    }
    // Each direction keeps its lane: what goes towards `to` rides with the deliveries.
    const std::uint32_t lane = target == link.to ? link.lane : link.replyLane;
    m_kernel.scheduleInLane(lane, link.sampleLatency(link.messageRng), m_nodes[target]->entity(),
                            delivery::kMessage, slot);
}

bool Network::receiveMessage(std::uint32_t slot, Message& out) {
    out = m_messages[slot];
    m_freeMessages.push_back(slot);
    Link& link = m_links[out.link];
    if (link.cut) {
        ++link.messagesLost; // it was on the wire when the link was cut
        return false;
    }
    return true;
}

void Network::traceRequest(std::uint32_t slot) {
    Request& r = m_requests[slot];
    r.traced = true;
    m_traces[slot] = {TraceHop{r.origin, {}}};
}

void Network::noteTrace(std::uint32_t slot, std::uint32_t node, std::string_view note) {
    if (!m_requests[slot].traced)
        return;
    auto& hops = m_traces[slot];
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        if (hop->node == node) {
            hop->note = note;
            return;
        }
    }
}

std::vector<TraceHop> Network::takeTrace(std::uint32_t slot) {
    const auto it = m_traces.find(slot);
    if (it == m_traces.end())
        return {};
    std::vector<TraceHop> hops = std::move(it->second);
    m_traces.erase(it);
    m_requests[slot].traced = false;
    return hops;
}

void Network::measureRates(double seconds) {
    m_rate.resize(m_links.size());
    m_sentAtRate.resize(m_links.size(), 0);
    for (std::size_t i = 0; i < m_links.size(); ++i) {
        m_rate[i] = static_cast<double>(m_links[i].sent - m_sentAtRate[i]) / seconds;
        m_sentAtRate[i] = m_links[i].sent;
    }
}

} // namespace sb::emu
