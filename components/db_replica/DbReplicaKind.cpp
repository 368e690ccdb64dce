#include "components/db_replica/DbReplicaKind.h"

#include "components/db_replica/DbReplica.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor dbReplicaDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "db_replica";
    d.displayName = "Database replica";
    d.iconName = "db_replica";
    d.category = "Data";
    d.summary = "A read copy that follows the primary linked to it, after a replication lag";
    d.roles = {roles::kReplica};
    d.linksTo = {};
    d.shape = design::DiagramShape::Storage;
    d.promotable = true;
    d.properties = {
        integerProperty("workers", 16, 1, 4096, "connections", "Queries served at once"),
        numberProperty("read_ms", 2, 0.001, 600000, "ms", "Mean service time of a read"),
        choiceProperty("service_dist", serviceDistributions(),
                       "Shape of the service-time distribution"),
        integerProperty("queue_limit", 1000, 0, 1000000, "queries",
                        "Queries that may wait; beyond it the replica refuses (503)"),
        numberProperty("lag_ms", 100, 0, 3600000, "ms",
                       "Mean replication lag: how long after commit a write arrives here"),
        choiceProperty("lag_dist", serviceDistributions(),
                       "Distribution of the lag level, redrawn every lag_period_s"),
        numberProperty("lag_period_s", 1, 0.01, 3600, "s",
                       "How often the lag level changes (it moves smoothly in between)"),
        numberProperty("replace_after_s", 30, 0, 86400, "s",
                       "A failed replica is replaced after this long (0 = never)"),
        numberProperty("restore_s", 10, 0, 86400, "s",
                       "Time for a replacement to restore a snapshot before it catches up"),
        numberProperty("catch_up_ops", 5000, 1, 1e7, "writes/s",
                       "Log entries per second it replays when behind"),
    };
    return d;
}

} // namespace

ComponentKind dbReplicaKind() {
    return {dbReplicaDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<DbReplica>(c); }};
}

} // namespace sb::comp
