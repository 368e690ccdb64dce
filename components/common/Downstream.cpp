#include "components/common/Downstream.h"

#include "components/common/NodeRoles.h"
#include "components/contract/IWriteEndpoint.h"
#include "design/Roles.h"

#include <string_view>
#include <utility>

namespace sb::comp {

namespace roles = design::roles;

void Downstream::classify(emu::Simulation& sim, const emu::Node& self) {
    const NodeRoles& nodeRoles = sim.service<NodeRoles>();
    const std::pair<std::string_view, std::vector<std::uint32_t>*> lists[] = {
        {roles::kCache, &caches},
        {roles::kSessionStore, &sessionStores},
        {roles::kWriter, &writers},
        {roles::kReplica, &replicas},
        {roles::kDataRouter, &dataRouters},
        {roles::kQueue, &queues},
        {roles::kStaticOrigin, &staticOrigins},
        {roles::kServer, &servers},
        {roles::kBalancer, &balancers}};
    for (std::uint32_t l : self.outLinks()) {
        emu::Node& to = sim.node(sim.links()[l].to);
        bool known = false;
        for (const auto& [role, list] : lists) {
            if (!nodeRoles.has(to.index(), role))
                continue;
            known = true;
            list->push_back(l);
            if (list == &writers)
                m_endpoints.push_back(dynamic_cast<contract::IWriteEndpoint*>(&to));
        }
        if (!known)
            others.push_back(l);
    }
}

std::optional<Route> Downstream::pickHealthy(emu::Simulation& sim,
                                             const std::vector<std::uint32_t>& links) {
    const std::size_t n = links.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t l = links[(m_rotation + i) % n];
        const std::uint32_t node = sim.links()[l].to;
        if (sim.node(node).isUp()) {
            m_rotation = static_cast<std::uint32_t>((m_rotation + i + 1) % n);
            return Route{l, node};
        }
    }
    return std::nullopt;
}

std::optional<Route> Downstream::readRoute(emu::Simulation& sim) {
    if (!dataRouters.empty())
        return Route{dataRouters.front(), sim.links()[dataRouters.front()].to};
    if (auto r = pickHealthy(sim, replicas))
        return r;
    return writeRoute(sim);
}

std::optional<Route> Downstream::writeRoute(emu::Simulation& sim) {
    if (!dataRouters.empty())
        return Route{dataRouters.front(), sim.links()[dataRouters.front()].to};
    for (std::size_t i = 0; i < writers.size(); ++i) {
        const std::uint32_t l = writers[i];
        emu::Node* target =
            m_endpoints[i] ? m_endpoints[i]->currentWriter() : &sim.node(sim.links()[l].to);
        if (target)
            return Route{l, target->index()};
    }
    return std::nullopt;
}

} // namespace sb::comp
