#pragma once

#include "emulator/Node.h"
#include "emulator/RandomStream.h"
#include "emulator/Simulation.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sb::comp {

class PrimaryEndpoint;

/// A way to reach a node: the link to use and the node at its end (which may differ from
/// the link's own end after a failover).
struct Route {
    std::uint32_t link;
    std::uint32_t node;
};

/// A node's outgoing links sorted by the kind at their far end — routing by kind, as the
/// web tier and the workers do it (cache-aside, read replicas, primary, shard router,
/// queue, object store, session store).
class Downstream {
public:
    Downstream() = default;
    /// Classifies the node's out links; call from start(), when every link exists.
    void classify(emu::Simulation& sim, const emu::Node& self);

    std::vector<std::uint32_t> caches, sessionStores, primaries, replicas, shardRouters, queues,
        objectStores, webServers, loadBalancers, others;

    bool hasDatabase() const {
        return !primaries.empty() || !replicas.empty() || !shardRouters.empty();
    }
    /// Where a read goes: a shard router, else a healthy replica (rotating), else the primary.
    std::optional<Route> readRoute(emu::Simulation& sim);
    /// Where a write goes: a shard router, else the current primary (null while failing over).
    std::optional<Route> writeRoute(emu::Simulation& sim);
    /// The healthy link from a list, rotating among them; nullopt when all are down.
    std::optional<Route> pickHealthy(emu::Simulation& sim, const std::vector<std::uint32_t>& links);

private:
    std::vector<PrimaryEndpoint*> m_endpoints; ///< parallel to primaries
    std::uint32_t m_rotation = 0;
};

} // namespace sb::comp
