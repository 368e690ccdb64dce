#pragma once

#include "emulator/Node.h"
#include "emulator/RandomStream.h"
#include "emulator/Simulation.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sb::comp {

namespace contract {
class IWriteEndpoint;
}

/// A way to reach a node: the link to use and the node at its end (which may differ from
/// the link's own end after a failover).
struct Route {
    std::uint32_t link;
    std::uint32_t node;
};

/// A node's outgoing links sorted by the roles of the nodes at their far end (NodeRoles) —
/// routing by role, as the web tier and the workers do it (cache-aside, read replicas,
/// writer, data router, queue, static origin, session store). A link is in the list of
/// every role its far end has; `others` holds the links to nodes of none of these roles.
class Downstream {
public:
    Downstream() = default;
    /// Classifies the node's out links; call from start(), when every link exists.
    void classify(emu::Simulation& sim, const emu::Node& self);

    std::vector<std::uint32_t> caches, sessionStores, writers, replicas, dataRouters, queues,
        staticOrigins, servers, balancers, others;

    bool hasDatabase() const {
        return !writers.empty() || !replicas.empty() || !dataRouters.empty();
    }
    /// Where a read goes: a data router, else a healthy replica (rotating), else the writer.
    std::optional<Route> readRoute(emu::Simulation& sim);
    /// Where a write goes: a data router, else the current writer (null while failing over).
    std::optional<Route> writeRoute(emu::Simulation& sim);
    /// The healthy link from a list, rotating among them; nullopt when all are down.
    std::optional<Route> pickHealthy(emu::Simulation& sim, const std::vector<std::uint32_t>& links);

private:
    std::vector<contract::IWriteEndpoint*> m_endpoints; ///< parallel to writers
    std::uint32_t m_rotation = 0;
};

} // namespace sb::comp
