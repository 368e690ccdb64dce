#include "components/service/ServiceKind.h"

#include "components/common/CallPolicy.h"
#include "components/registry/BuildContext.h"
#include "components/service/Service.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor serviceDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "service";
    d.displayName = "Service";
    d.iconName = "service";
    d.category = "Compute";
    d.summary = "An internal microservice: workers, then calls to its downstreams in sequence "
                "or in parallel";
    d.roles = {roles::kServer, kServiceRole};
    d.linksTo = {kServiceRole,    roles::kBalancer,   roles::kCache, roles::kWriter,
                 roles::kReplica, roles::kDataRouter, roles::kQueue, roles::kStaticOrigin};
    d.acceptsFrom = {roles::kServer, roles::kBalancer, kServiceRole};
    d.properties = {
        integerProperty("workers", 8, 1, 4096, "workers", "Requests served at once per instance"),
        numberProperty("service_ms", 10, 0.001, 600000, "ms",
                       "Mean CPU time per request, before its calls downstream"),
        choiceProperty("service_dist", serviceDistributions(),
                       "Shape of the service-time distribution"),
        integerProperty("queue_limit", 100, 0, 1000000, "requests",
                        "Requests that may wait; beyond it the service answers 503"),
        numberProperty("timeout_ms", 10000, 1, 600000, "ms",
                       "A request waiting longer than this is dropped"),
        integerProperty("instances", 1, 1, 1000, "servers", "Identical instances behind this node"),
        choiceProperty("fan_out", {"sequence", "parallel"},
                       "Calls to the downstreams one after another (latency: their sum), or "
                       "all at once, answering when the last has answered (latency: their "
                       "maximum)"),
        callPolicyProperty(),
    };
    d.outLinkProperties = {linkCallPolicyProperty()};
    return d;
}

} // namespace

ComponentKind serviceKind() {
    return {serviceDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<Service>(c); }};
}

} // namespace sb::comp
