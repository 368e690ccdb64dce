#include "components/load_balancer/AddressPlan.h"

namespace sb::comp {

AddressPlan::AddressPlan(const design::Design& design) {
    int balancers = 0;
    for (const auto& n : design.nodes) {
        if (n.kind != "load_balancer")
            continue;
        m_balancer[n.id.value] = balancers++;
        int servers = 0;
        for (const design::Link* l : design.linksFrom(n.id))
            m_server[n.id.value + "->" + l->to.value] = servers++;
    }
}

std::string AddressPlan::publicAddress(const std::string& balancerId) const {
    auto it = m_balancer.find(balancerId);
    if (it == m_balancer.end())
        return {};
    // 203.0.113.0/24 (TEST-NET-3) holds 245 balancers; further ones use 198.51.100.0/24.
    const int n = it->second;
    return n < 245 ? "203.0.113." + std::to_string(10 + n)
                   : "198.51.100." + std::to_string(10 + (n - 245) % 245);
}

std::string AddressPlan::privateAddress(const std::string& balancerId,
                                        const std::string& serverId) const {
    auto b = m_balancer.find(balancerId);
    auto s = m_server.find(balancerId + "->" + serverId);
    if (b == m_balancer.end() || s == m_server.end())
        return {};
    const int i = s->second;
    return "10." + std::to_string(b->second % 256) + "." + std::to_string(i / 250) + "." +
           std::to_string(10 + i % 250);
}

} // namespace sb::comp
