#include "components/shard_router/ShardRouterKind.h"

#include "components/registry/BuildContext.h"
#include "components/shard_router/ShardRouter.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor shardRouterDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "shard_router";
    d.displayName = "Shard router";
    d.iconName = "shard_router";
    d.category = "Data";
    d.summary = "Sends each query to the shard owning its key; its linked primaries are the "
                "shards";
    d.roles = {roles::kDataRouter};
    d.linksTo = {roles::kWriter};
    d.shape = design::DiagramShape::Router;
    d.properties = {
        choiceProperty("partitioning", {"hash_mod", "consistent", "range"},
                       "Which shard owns a key: hash mod N, consistent hashing with virtual "
                       "nodes, or contiguous key ranges"),
        integerProperty("vnodes", 128, 1, 10000, "points", "Virtual nodes per shard on the ring"),
        integerProperty("key_space", 100000, 1, 1e8, "keys",
                        "Keys 0 to key_space - 1 are partitioned by range and counted when "
                        "keys move; match the clients' keys"),
        integerProperty("active_shards", 0, 0, 1024, "shards",
                        "Shards in use at the start (0 = every linked primary); add_shard puts "
                        "the next linked primary to work"),
        numberProperty("migration_rps", 1000, 0.001, 1e7, "keys/s",
                       "Keys copied per second to their new shard after a reshard"),
    };
    return d;
}

} // namespace

ComponentKind shardRouterKind() {
    return {shardRouterDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<ShardRouter>(c); }};
}

} // namespace sb::comp
