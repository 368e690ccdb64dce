#pragma once

#include "emulator/Node.h"

#include <cstdint>
#include <string>

namespace sb::comp {

/// A node that checks the health of what it sends to every `health_check_s` seconds while
/// it is up. A period of 0 turns the checks off; a live change to a positive period starts
/// them again.
class HealthCheckedNode : public emu::Node {
public:
    /// `timer` is the derived node's timer id for the checks.
    HealthCheckedNode(emu::Simulation& sim, std::string id, std::string kind, emu::Time period,
                      std::uint32_t timer);

protected:
    /// Schedules the first check when the checks are on; call from start().
    void startHealthChecks();
    /// The check timer fired: checks while up and schedules the next check.
    void healthCheckDue();
    /// Takes a live change of health_check_s; false for any other property or value.
    bool applyHealthCheckPeriod(const std::string& name, double value);
    virtual void checkHealth() = 0;

private:
    emu::Time m_period;
    std::uint32_t m_timer;
};

} // namespace sb::comp
