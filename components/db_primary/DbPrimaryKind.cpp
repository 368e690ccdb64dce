#include "components/db_primary/DbPrimaryKind.h"

#include "components/db_primary/DbPrimary.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor dbPrimaryDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "db_primary";
    d.displayName = "Database primary";
    d.iconName = "db_primary";
    d.category = "Data";
    d.summary = "Takes the writes and streams them to its replicas; fails over to the most "
                "up-to-date replica";
    d.roles = {roles::kWriter};
    d.linksTo = {roles::kReplica, roles::kWriter};
    d.shape = design::DiagramShape::Storage;
    d.promotable = true;
    d.properties = {
        integerProperty("workers", 16, 1, 4096, "connections", "Queries served at once"),
        numberProperty("read_ms", 2, 0.001, 600000, "ms", "Mean service time of a read"),
        numberProperty("write_ms", 5, 0.001, 600000, "ms", "Mean service time of a write"),
        choiceProperty("service_dist", serviceDistributions(),
                       "Shape of the service-time distribution"),
        integerProperty("queue_limit", 1000, 0, 1000000, "queries",
                        "Queries that may wait; beyond it the database refuses (503)"),
        choiceProperty("replication", {"async", "semi_sync", "sync"},
                       "When a write is acknowledged: at commit (async), once one replica has "
                       "it (semi-sync), or once every healthy replica has it (sync)"),
        numberProperty("semi_sync_timeout_ms", 1000, 1, 600000, "ms",
                       "Semi-sync: acknowledge anyway when no replica confirmed within this"),
        choiceProperty("failover", {"auto", "manual"},
                       "Promote the most up-to-date replica automatically after detection, or "
                       "wait for a promote command"),
        numberProperty("detection_s", 10, 0, 3600, "s", "Time until a failed primary is noticed"),
        numberProperty("promotion_s", 2, 0, 3600, "s",
                       "Time to promote a replica and repoint the others"),
        choiceProperty("recovery", {"none", "recovery_script", "multi_primary", "circular"},
                       "After a failure: nothing; replay the lost writes when the old primary "
                       "returns; or keep writing on the linked peer primaries (multi-primary: "
                       "every peer; circular: each primary replicates to the next in a ring)"),
        numberProperty("peer_lag_ms", 50, 0, 3600000, "ms",
                       "Mean lag of replication between primaries (multi-primary, circular)"),
        numberProperty("catch_up_ops", 5000, 1, 1e7, "writes/s",
                       "Log entries per second it replays when rejoining as a follower"),
    };
    return d;
}

} // namespace

ComponentKind dbPrimaryKind() {
    return {dbPrimaryDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<DbPrimary>(c); }};
}

} // namespace sb::comp
