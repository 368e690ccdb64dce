#include "components/common/HealthCheckedNode.h"

#include "components/contract/HealthProbe.h"
#include "emulator/Simulation.h"

#include <algorithm>
#include <utility>

namespace sb::comp {

namespace {
constexpr emu::Time kLongestTimeout = emu::kSecond;
// The timer's payload: 0 starts a check; (round << 1) | 1 ends check `round`.
constexpr std::uint64_t kStart = 0;
constexpr std::uint64_t endOf(std::uint32_t round) {
    return (std::uint64_t{round} << 1) | 1;
}
} // namespace

HealthCheckedNode::HealthCheckedNode(emu::Simulation& sim, std::string id, std::string kind,
                                     emu::Time period, std::uint32_t timer)
    : Node(sim, std::move(id), std::move(kind))
    , m_period(period)
    , m_timer(timer) {}

emu::Time HealthCheckedNode::probeTimeout() const {
    return std::min(m_period / 2, kLongestTimeout);
}

void HealthCheckedNode::startHealthChecks(std::vector<std::uint32_t> links) {
    m_links = std::move(links);
    m_waiting.assign(m_links.size(), false);
    m_targetOfLink.assign(m_sim.links().size(), UINT32_MAX);
    for (std::size_t i = 0; i < m_links.size(); ++i)
        m_targetOfLink[m_links[i]] = static_cast<std::uint32_t>(i);
    if (m_period > 0)
        startTimer(m_period, m_timer, kStart);
}

void HealthCheckedNode::healthCheckDue(std::uint64_t payload) {
    if (payload != kStart) {
        if (payload == endOf(m_round))
            endCheck();
        return;
    }
    startCheck();
    if (m_period > 0)
        startTimer(m_period, m_timer, kStart);
}

void HealthCheckedNode::startCheck() {
    endCheck(); // still open only when a live change made the period shorter than a timeout
    if (!isUp())
        return;
    ++m_round;
    m_open = true;
    for (std::size_t i = 0; i < m_links.size(); ++i) {
        m_waiting[i] = true;
        const std::uint32_t l = m_links[i];
        sendMessage(l, m_sim.links()[l].to, contract::kHealthProbe,
                    contract::HealthProbe{m_round, 1});
    }
    startTimer(probeTimeout(), m_timer, endOf(m_round));
}

void HealthCheckedNode::endCheck() {
    if (!m_open)
        return;
    m_open = false;
    for (std::size_t i = 0; i < m_links.size(); ++i)
        if (m_waiting[i]) {
            m_waiting[i] = false;
            if (isUp()) // a checker that went down meanwhile judges nothing
                checked(i, false);
        }
}

void HealthCheckedNode::onMessage(const emu::Message& message) {
    if (message.tag == contract::kHealthProbe) {
        sendMessage(message.link, message.from, contract::kHealthAnswer,
                    contract::healthAnswer(message, *this));
        return;
    }
    if (message.tag != contract::kHealthAnswer || !m_open || message.link >= m_targetOfLink.size())
        return;
    const auto answer = message.as<contract::HealthProbe>();
    const std::uint32_t target = m_targetOfLink[message.link];
    if (answer.round != m_round || target == UINT32_MAX || !m_waiting[target])
        return; // too late: its check is over
    m_waiting[target] = false;
    checked(target, answer.healthy != 0);
}

bool HealthCheckedNode::applyHealthCheckPeriod(const std::string& name, double value) {
    if (name != "health_check_s" || value <= 0)
        return false;
    const bool wasOff = m_period <= 0;
    m_period = emu::fromSeconds(value);
    if (wasOff)
        startTimer(m_period, m_timer, kStart);
    return true;
}

} // namespace sb::comp
