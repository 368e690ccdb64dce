#include "components/common/CallerPolicies.h"

#include "emulator/Simulation.h"

#include <algorithm>

namespace sb::comp {

CallerPolicies::CallerPolicies(const design::Design& design, const design::Node& node,
                               const design::PropertyValues& props)
    : m_node(CallPolicySpec::fromProperties(props)) {
    for (const design::Link* link : design.linksFrom(node.id))
        if (hasLinkPolicy(link->props))
            m_links.emplace_back(link->to.value, CallPolicySpec::forLink(node.props, link->props));
}

bool CallerPolicies::active() const {
    return m_node.active() || std::any_of(m_links.begin(), m_links.end(),
                                          [](const auto& l) { return l.second.active(); });
}

std::unique_ptr<PolicyCaller> CallerPolicies::makeCaller(emu::Simulation& sim, CallHost& host,
                                                         emu::RandomStream rng) const {
    if (!active())
        return nullptr;
    return std::make_unique<PolicyCaller>(sim, host, m_node, rng);
}

void CallerPolicies::applyToLinks(emu::Simulation& sim, const emu::Node& self,
                                  PolicyCaller& caller) const {
    for (std::uint32_t link : self.outLinks()) {
        const std::string& to = sim.node(sim.links()[link].to).id();
        for (const auto& [target, spec] : m_links)
            if (target == to)
                caller.setLinkPolicy(link, spec);
    }
}

} // namespace sb::comp
