#include "components/cache/CacheKind.h"

#include "components/cache/CacheServer.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor cacheDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "cache";
    d.displayName = "Cache";
    d.iconName = "cache";
    d.category = "Data";
    d.summary = "An in-memory cache the web tier reads first (cache-aside)";
    d.roles = {roles::kCache};
    d.linksTo = {};
    d.shape = design::DiagramShape::Storage;
    d.properties = {
        integerProperty("capacity", 10000, 1, 10000000, "items", "How many items fit"),
        numberProperty("ttl_s", 60, 0, 86400, "s",
                       "An item expires this long after it was stored (0 = never)"),
        choiceProperty("eviction", {"lru", "lfu", "fifo"},
                       "Which item goes when the cache is full: least recently used, least "
                       "frequently used, or first in"),
        choiceProperty("write_policy", {"invalidate", "update", "ttl_only"},
                       "On a database write: drop the cached copy, store the new version, or "
                       "leave the old copy until its TTL expires"),
        numberProperty("latency_ms", 0.5, 0.001, 10000, "ms", "Time to serve one operation"),
        integerProperty("workers", 16, 1, 4096, "workers", "Operations served at once"),
        integerProperty("queue_limit", 1000, 0, 1000000, "requests",
                        "Operations that may wait; beyond it the cache refuses them"),
    };
    return d;
}

} // namespace

ComponentKind cacheKind() {
    return {cacheDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<CacheServer>(c); }};
}

} // namespace sb::comp
