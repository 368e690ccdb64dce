#pragma once

#include "emulator/Kernel.h"
#include "emulator/Link.h"
#include "emulator/Message.h"
#include "emulator/RequestPool.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sb::emu {

class Node;

/// The kernel event kinds a node receives from the network (Node::handleEvent); a node's
/// timers are numbered above them, and a message's kind is one no timer reaches.
namespace delivery {
inline constexpr std::uint32_t kRequest = 0;
inline constexpr std::uint32_t kReply = 1;
inline constexpr std::uint32_t kMessage = UINT32_MAX;
} // namespace delivery

/// One node a traced request reached, and what the node said of it ("hit", "miss").
struct TraceHop {
    std::uint32_t node = 0;
    std::string note;
};

/// The links between nodes and everything that travels on them: requests on their way out
/// (each hop pushed on the request's way back) and back, messages, and the hops of traced
/// requests. A link's latency, jitter, loss and cut apply to all of it.
class Network {
public:
    Network(Kernel& kernel, RequestPool& requests, const std::vector<std::unique_ptr<Node>>& nodes);

    /// Adds a link (its lanes are taken here) and returns its index.
    std::uint32_t add(Link link);
    std::vector<Link>& links() { return m_links; }
    const std::vector<Link>& links() const { return m_links; }

    /// Sends a request over a link to its far end (or to `targetNode`, reached through it).
    void transmit(Node& from, std::uint32_t request, std::uint32_t link,
                  std::uint32_t targetNode = UINT32_MAX);
    /// Sends a request back one hop, to the node that sent it.
    void returnRequest(std::uint32_t request);
    /// Sends a message from `from` over `link` to `target` (a node at either end, or one
    /// reached through it, like Node::sendVia); see Message for what can befall it.
    void sendMessage(Node& from, std::uint32_t link, std::uint32_t target, Message message);
    /// Takes the message of a delivery event out of flight; false when it met its link cut.
    bool receiveMessage(std::uint32_t slot, Message& out);

    /// Records the path of one request from here on: its origin and every node it is sent
    /// to, until takeTrace. Costs nothing for the requests that are not traced.
    void traceRequest(std::uint32_t slot);
    /// Lets `node` say what it did with a traced request; an untraced one is left alone.
    void noteTrace(std::uint32_t slot, std::uint32_t node, std::string_view note);
    /// The hops of a traced request, oldest first, and forgets them (empty when untraced).
    std::vector<TraceHop> takeTrace(std::uint32_t slot);

    /// Measures each link's requests per second since the last call, `seconds` ago.
    void measureRates(double seconds);
    /// The link's rate at the last measurement (0 before the first).
    double rate(std::size_t link) const { return link < m_rate.size() ? m_rate[link] : 0.0; }

private:
    Kernel& m_kernel;
    RequestPool& m_requests;
    const std::vector<std::unique_ptr<Node>>& m_nodes;
    std::vector<Link> m_links;
    std::vector<Message> m_messages; ///< messages in flight, by slot
    std::vector<std::uint32_t> m_freeMessages;
    std::unordered_map<std::uint32_t, std::vector<TraceHop>> m_traces; ///< by request slot
    std::vector<std::uint64_t> m_sentAtRate;
    std::vector<double> m_rate;
};

} // namespace sb::emu
