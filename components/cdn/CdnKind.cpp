#include "components/cdn/CdnKind.h"

#include "components/cdn/ContentDeliveryNetwork.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor cdnDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "cdn";
    d.displayName = "CDN";
    d.iconName = "cdn";
    d.category = "Edge";
    d.summary = "Edge caches for static files near the users; misses go to the origin";
    d.roles = {roles::kEdgeCache};
    d.linksTo = {roles::kStaticOrigin, roles::kBalancer, roles::kServer};
    d.shape = design::DiagramShape::Network;
    d.managed = true;
    d.forwards = true;
    d.properties = {
        integerProperty("capacity", 100000, 1, 10000000, "objects",
                        "Objects the edge holds; beyond it the least recently used goes"),
        numberProperty("ttl_s", 3600, 0, 31536000, "s",
                       "An object expires this long after it was fetched (0 = never)"),
        choiceProperty("invalidation", {"purge", "versioning"},
                       "On a content update: purge the old object (it is served stale until "
                       "the purge lands) or publish it under a new URL (first requests miss)"),
        numberProperty("purge_delay_s", 10, 0, 86400, "s", "Time for a purge to reach the edges"),
        booleanProperty("fallback_to_origin", true,
                        "When the CDN is down, the DNS in front of it (or clients linked to it "
                        "directly) send static requests to the origin instead; they fail "
                        "otherwise"),
        numberProperty("edge_ms", 5, 0, 10000, "ms", "Time for an edge to serve a cached object"),
        numberProperty("content_updates_per_s", 0, 0, 100000, "updates/s",
                       "New versions of objects published at the origin; popular objects "
                       "change more often"),
    };
    return d;
}

} // namespace

ComponentKind cdnKind() {
    return {cdnDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<ContentDeliveryNetwork>(c); }};
}

} // namespace sb::comp
