#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace sb::review {

/// A node whose loss cuts client populations off from the data.
struct SinglePoint {
    std::string node;
    std::vector<std::string> populations; ///< the client populations it cuts off
};

/// Finds single points of failure by graph analysis: each node in turn is taken out and
/// every client population is checked for a path to the data along the drawn links, the
/// way requests are routed. A web server needs one of its session stores (when stateless
/// and linked to any) and a writable database route (when linked to a database); a
/// failed primary is still writable through a replica it would promote (automatic
/// failover) or a peer primary (multi-primary, circular); a shard router needs every
/// shard. DNS and CDNs are managed, globally replicated services and are not candidates.
class SinglePointAnalysis {
public:
    SinglePointAnalysis(const design::Design& design, const design::DescriptorCatalog& catalog);

    /// Whether a client population reaches the data while `removed` (a node id, or empty
    /// for none) is out of service.
    bool reachesData(const std::string& population, const std::string& removed) const;
    /// Every single point of failure, in design order.
    std::vector<SinglePoint> singlePoints() const;

private:
    struct Query {
        const std::string& removed;
        std::map<std::string, bool> memo;
        std::set<std::string> visiting;
    };
    bool usable(const std::string& id, Query& q) const;
    bool writable(const std::string& id, Query& q) const;
    std::vector<const design::Node*> downstream(const std::string& id) const;

    const design::Design& m_design;
    const design::DescriptorCatalog& m_catalog;
};

} // namespace sb::review
