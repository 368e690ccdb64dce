#include "components/load_balancer/LoadBalancerKind.h"

#include "components/load_balancer/LoadBalancer.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor loadBalancerDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "load_balancer";
    d.displayName = "Load balancer";
    d.iconName = "load_balancer";
    d.category = "Edge";
    d.summary = "Spreads requests over the web servers it links to and takes failed ones out";
    d.roles = {roles::kBalancer};
    d.linksTo = {roles::kServer};
    d.shape = design::DiagramShape::Router;
    d.forwards = true;
    d.properties = {
        choiceProperty("algorithm",
                       {"round_robin", "weighted_round_robin", "least_connections", "random",
                        "ip_hash", "sticky"},
                       "How a server is chosen: in turn, in turn by server weight, the one with "
                       "fewest requests in flight, at random, by a hash of the user, or pinned "
                       "to the user's first server by a cookie"),
        numberProperty("health_check_s", 5, 0, 3600, "s",
                       "Time between health checks of each server (0 = no health checks). A "
                       "check is a probe over the link, answered at once by a server that is "
                       "up; no answer within 1 s (or half the period, if shorter) fails it, so "
                       "a cut, lossy, partitioned or slowed link fails checks as a dead server "
                       "does"),
        integerProperty("unhealthy_threshold", 2, 1, 100, "checks",
                        "Failed checks in a row before a server is taken out"),
        integerProperty("healthy_threshold", 2, 1, 100, "checks",
                        "Passed checks in a row before a server is put back"),
    };
    return d;
}

} // namespace

ComponentKind loadBalancerKind() {
    return {loadBalancerDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<LoadBalancer>(c); }};
}

} // namespace sb::comp
