#pragma once

#include "components/common/PolicyCaller.h"
#include "emulator/Node.h"

#include <cstdint>
#include <string>

namespace sb::comp {

/// A node whose calls go through a PolicyCaller (clients, web servers, services,
/// gateways): it is the caller's host, sending the attempts over its own links and timing
/// them with its cancellable timers of kind `callTimer`, whose firing the node hands to
/// PolicyCaller::onTimer. The node answers callFinished itself.
class CallingNode : public emu::Node, protected CallHost {
protected:
    CallingNode(emu::Simulation& sim, std::string id, std::string kind, std::uint32_t callTimer);

    void sendAttempt(std::uint32_t attempt, std::uint32_t link) override;
    void sendAttemptTo(std::uint32_t attempt, std::uint32_t link, std::uint32_t node) override;
    emu::TimerHandle startCallTimer(emu::Time delay, std::uint64_t payload) override;
    void cancelCallTimer(emu::TimerHandle& handle) override;

private:
    std::uint32_t m_callTimer;
};

} // namespace sb::comp
