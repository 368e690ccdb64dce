#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "design/DesignGraph.h"

#include <string>
#include <string_view>
#include <vector>

namespace sb::review {

/// A node whose loss cuts client populations off from the data.
struct SinglePoint {
    std::string node;
    std::vector<std::string> populations; ///< the client populations it cuts off
};

/// Finds single points of failure by graph analysis: a client population is cut off by a
/// node when, with that node out of service, no path along the drawn links reaches the
/// data the way requests are routed. A web server needs one of its session stores (when
/// stateless and linked to any) and a writable database route (when linked to a
/// database); a failed primary is still writable through a replica it would promote
/// (automatic failover) or a peer primary (multi-primary, circular); a shard router needs
/// every shard. DNS and CDNs are managed, globally replicated services and are not
/// candidates.
///
/// Rather than taking each node out in turn and searching again (quadratic or worse), it
/// computes once, for every node, the set of nodes whose loss alone stops it from serving:
/// for a node that needs any one of its downstream nodes, itself plus the intersection of
/// theirs; for a web server, itself plus what its sessions and its data each depend on.
/// One pass in post-order, linear in the design for the shapes designs have (wide tiers),
/// and proportional to the sets' sizes otherwise.
class SinglePointAnalysis {
public:
    SinglePointAnalysis(const design::Design& design, const design::DescriptorCatalog& catalog);

    /// Every single point of failure, in design order.
    std::vector<SinglePoint> singlePoints() const;

private:
    /// The nodes (positions) whose loss alone stops a node from serving; `unusable` when it
    /// cannot serve even with nothing lost.
    struct KillSet {
        bool unusable = true;
        std::vector<std::size_t> nodes;
    };
    void computeKillSets();
    KillSet webServerKillSet(std::size_t web) const;
    /// The nodes whose loss alone makes a primary or shard router unwritable.
    std::vector<std::size_t> writeKillSet(std::size_t database) const;
    bool servesThroughChildren(const std::string& kind) const;
    bool isManaged(const std::string& kind) const;
    bool is(std::size_t node, std::string_view role) const;

    const design::DescriptorCatalog& m_catalog;
    design::DesignGraph m_graph;
    std::vector<KillSet> m_kill; ///< kept for the client populations only
};

} // namespace sb::review
