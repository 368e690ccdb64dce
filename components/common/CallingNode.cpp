#include "components/common/CallingNode.h"

#include <utility>

namespace sb::comp {

CallingNode::CallingNode(emu::Simulation& sim, std::string id, std::string kind,
                         std::uint32_t callTimer)
    : Node(sim, std::move(id), std::move(kind))
    , m_callTimer(callTimer) {}

void CallingNode::sendAttempt(std::uint32_t attempt, std::uint32_t link) {
    send(attempt, link);
}

void CallingNode::sendAttemptTo(std::uint32_t attempt, std::uint32_t link, std::uint32_t node) {
    sendVia(attempt, link, node);
}

emu::TimerHandle CallingNode::startCallTimer(emu::Time delay, std::uint64_t payload) {
    return startCancellableTimer(delay, m_callTimer, payload);
}

void CallingNode::cancelCallTimer(emu::TimerHandle& handle) {
    cancelTimer(handle);
}

} // namespace sb::comp
