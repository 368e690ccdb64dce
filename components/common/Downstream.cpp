#include "components/common/Downstream.h"

#include "components/common/DataTier.h"

namespace sb::comp {

void Downstream::classify(emu::Simulation& sim, const emu::Node& self) {
    for (std::uint32_t l : self.outLinks()) {
        emu::Node& to = sim.node(sim.links()[l].to);
        const std::string& k = to.kind();
        if (k == "cache")
            caches.push_back(l);
        else if (k == "session_store")
            sessionStores.push_back(l);
        else if (k == "db_primary") {
            primaries.push_back(l);
            m_endpoints.push_back(dynamic_cast<PrimaryEndpoint*>(&to));
        } else if (k == "db_replica")
            replicas.push_back(l);
        else if (k == "shard_router")
            shardRouters.push_back(l);
        else if (k == "queue")
            queues.push_back(l);
        else if (k == "object_store")
            objectStores.push_back(l);
        else if (k == "web_server")
            webServers.push_back(l);
        else if (k == "load_balancer")
            loadBalancers.push_back(l);
        else
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
    if (!shardRouters.empty())
        return Route{shardRouters.front(), sim.links()[shardRouters.front()].to};
    if (auto r = pickHealthy(sim, replicas))
        return r;
    return writeRoute(sim);
}

std::optional<Route> Downstream::writeRoute(emu::Simulation& sim) {
    if (!shardRouters.empty())
        return Route{shardRouters.front(), sim.links()[shardRouters.front()].to};
    for (std::size_t i = 0; i < primaries.size(); ++i) {
        const std::uint32_t l = primaries[i];
        emu::Node* target =
            m_endpoints[i] ? m_endpoints[i]->currentPrimary() : &sim.node(sim.links()[l].to);
        if (target)
            return Route{l, target->index()};
    }
    return std::nullopt;
}

} // namespace sb::comp
