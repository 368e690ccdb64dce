#include "components/common/HealthCheckedNode.h"

#include <utility>

namespace sb::comp {

HealthCheckedNode::HealthCheckedNode(emu::Simulation& sim, std::string id, std::string kind,
                                     emu::Time period, std::uint32_t timer)
    : Node(sim, std::move(id), std::move(kind))
    , m_period(period)
    , m_timer(timer) {}

void HealthCheckedNode::startHealthChecks() {
    if (m_period > 0)
        startTimer(m_period, m_timer);
}

void HealthCheckedNode::healthCheckDue() {
    if (isUp())
        checkHealth();
    if (m_period > 0)
        startTimer(m_period, m_timer);
}

bool HealthCheckedNode::applyHealthCheckPeriod(const std::string& name, double value) {
    if (name != "health_check_s" || value <= 0)
        return false;
    const bool wasOff = m_period <= 0;
    m_period = emu::fromSeconds(value);
    if (wasOff)
        startTimer(m_period, m_timer);
    return true;
}

} // namespace sb::comp
