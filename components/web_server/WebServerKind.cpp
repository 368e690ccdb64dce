#include "components/web_server/WebServerKind.h"

#include "components/common/CallPolicy.h"
#include "components/registry/BuildContext.h"
#include "components/web_server/WebServer.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor webServerDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "web_server";
    d.displayName = "Web server";
    d.iconName = "web_server";
    d.category = "Compute";
    d.summary = "Application servers: workers, a queue, optional autoscaling group";
    d.roles = {roles::kServer};
    d.linksTo = {roles::kCache,      roles::kSessionStore, roles::kWriter,      roles::kReplica,
                 roles::kDataRouter, roles::kQueue,        roles::kStaticOrigin};
    auto dist = choiceProperty("service_dist", serviceDistributions(),
                               "Shape of the service-time distribution");
    d.properties = {
        integerProperty("workers", 8, 1, 4096, "workers", "Requests served at once per instance"),
        numberProperty("service_ms", 20, 0.001, 600000, "ms", "Mean CPU time per request"),
        dist,
        integerProperty("queue_limit", 100, 0, 1000000, "requests",
                        "Requests that may wait; beyond it the server answers 503"),
        numberProperty("timeout_ms", 10000, 1, 600000, "ms",
                       "A request waiting longer than this is dropped"),
        choiceProperty("queue_order", {"fifo", "adaptive_lifo"},
                       "Oldest first; or, while more than lifo_after wait, newest first with "
                       "the requests past timeout_ms shed (adaptive LIFO)"),
        integerProperty("lifo_after", 10, 0, 1000000, "requests",
                        "Queue length beyond which adaptive_lifo serves the newest first"),
        booleanProperty("stateless", true,
                        "Stateless servers keep sessions in a session store; stateful ones in "
                        "their own memory"),
        integerProperty("instances", 1, 1, 1000, "servers", "Identical servers behind this node"),
        integerProperty("weight", 1, 1, 100, "", "Share of traffic under weighted round robin"),
        numberProperty(
            "embedded_db_ms", 5, 0, 600000, "ms",
            "Database work done on this server when no database or service is linked (step 1)"),
        numberProperty("async_work_ms", 200, 0, 600000, "ms",
                       "Work an async request needs; done inline when no queue is linked"),
        numberProperty("static_ms", 2, 0, 600000, "ms", "CPU time to serve a static asset"),
        groupProperty(
            "autoscale",
            {booleanProperty("enabled", false, "Add and remove instances by CPU"),
             integerProperty("min", 1, 1, 1000, "servers", "Fewest instances"),
             integerProperty("max", 10, 1, 1000, "servers", "Most instances"),
             numberProperty("target_cpu", 0.6, 0.05, 1, "fraction",
                            "Scale out above this CPU, in below half of it"),
             numberProperty("startup_s", 30, 0, 3600, "s", "Time for a new instance to start"),
             numberProperty("cooldown_s", 15, 0, 3600, "s", "Time between two scaling decisions")},
            "Autoscaling group"),
        callPolicyProperty(),
    };
    d.outLinkProperties = {linkCallPolicyProperty()};
    return d;
}

} // namespace

ComponentKind webServerKind() {
    return {webServerDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<WebServer>(c); }};
}

} // namespace sb::comp
