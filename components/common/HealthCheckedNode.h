#pragma once

#include "emulator/Message.h"
#include "emulator/Node.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sb::comp {

/// A node that checks the health of what it sends to every `health_check_s` seconds while
/// it is up, by probes over the links (contract/HealthProbe.h). Each check sends a probe
/// down every checked link; an answer that comes back within the timeout (1 s, or half the
/// period when that is shorter) is the target's verdict, at the time it arrives; a target
/// whose answer is not back by then fails, at the timeout. So a dead target, a cut, lossy
/// or partitioned link and a link slowed past the timeout all fail the check. A period of 0
/// turns the checks off; a live change to a positive period starts them again.
class HealthCheckedNode : public emu::Node {
public:
    /// `timer` is the derived node's timer id for the checks.
    HealthCheckedNode(emu::Simulation& sim, std::string id, std::string kind, emu::Time period,
                      std::uint32_t timer);

    /// Takes the answers to its probes and answers the probes of its own checkers.
    void onMessage(const emu::Message& message) override;

    /// How long a check waits for an answer.
    emu::Time probeTimeout() const;

protected:
    /// Checks the nodes at the end of `links` from now on; call from start().
    void startHealthChecks(std::vector<std::uint32_t> links);
    /// The check timer fired (with its payload): sends a check's probes, or ends it.
    void healthCheckDue(std::uint64_t payload);
    /// Takes a live change of health_check_s; false for any other property or value.
    bool applyHealthCheckPeriod(const std::string& name, double value);
    /// The check of the target at the end of the `target`-th checked link passed or failed.
    virtual void checked(std::size_t target, bool passed) = 0;

private:
    void startCheck();
    void endCheck();

    emu::Time m_period;
    std::uint32_t m_timer;
    std::vector<std::uint32_t> m_links;
    std::vector<std::uint32_t> m_targetOfLink; ///< by engine link, UINT32_MAX if not checked
    std::vector<bool> m_waiting;               ///< no verdict yet in this check, by target
    std::uint32_t m_round = 0;                 ///< the check under way (or the last one)
    bool m_open = false;                       ///< a check waits for answers
};

} // namespace sb::comp
