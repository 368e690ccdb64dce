#include "components/worker/WorkerKind.h"

#include "components/registry/BuildContext.h"
#include "components/worker/Worker.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor workerDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "worker";
    d.displayName = "Worker";
    d.iconName = "worker";
    d.category = "Async";
    d.summary = "Consumes jobs from the queues linked to it; may write to a database";
    d.roles = {roles::kConsumer};
    d.linksTo = {roles::kWriter, roles::kReplica, roles::kDataRouter,
                 roles::kCache,  roles::kQueue,   roles::kStaticOrigin};
    d.properties = {
        integerProperty("workers", 4, 1, 4096, "workers", "Jobs worked on at once per instance"),
        numberProperty("service_ms", 100, 0.001, 3600000, "ms", "Mean time to do one job"),
        choiceProperty("service_dist", serviceDistributions(),
                       "Shape of the service-time distribution"),
        textProperty("group", "workers",
                     "Consumer group: under pub-sub each group gets every message, and the "
                     "workers of one group share them"),
        integerProperty("instances", 1, 1, 1000, "instances",
                        "Identical consumers behind this node"),
        integerProperty("queue_limit", 1000, 0, 1000000, "jobs",
                        "Jobs that may wait inside the worker (the queue sends no more than it "
                        "can work on)"),
    };
    return d;
}

} // namespace

ComponentKind workerKind() {
    return {workerDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<Worker>(c); }};
}

} // namespace sb::comp
