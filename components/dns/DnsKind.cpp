#include "components/dns/DnsKind.h"

#include "components/dns/DnsService.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor dnsDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "dns";
    d.displayName = "DNS";
    d.iconName = "dns";
    d.category = "Edge";
    d.summary = "Resolves the site's name to a load balancer, web server or CDN; geoDNS picks "
                "the nearest healthy data centre";
    d.roles = {roles::kResolver};
    d.linksTo = {roles::kBalancer, roles::kServer, roles::kEdgeCache};
    d.shape = design::DiagramShape::Network;
    d.managed = true;
    d.forwards = true;
    d.properties = {
        numberProperty("ttl_s", 60, 0, 86400, "s",
                       "How long resolvers cache an answer; users keep going to a dead "
                       "address until it expires"),
        booleanProperty("geo", true,
                        "Answer with the healthy target nearest to the users' region (else "
                        "rotate over the healthy targets)"),
        numberProperty("latency_ms", 20, 0, 10000, "ms",
                       "Time of a lookup, paid when a resolver's cached answer has expired"),
        numberProperty("health_check_s", 10, 0, 3600, "s",
                       "Time between health checks of the targets (0 = no health checks). A "
                       "check is a probe over the link; no answer within 1 s (or half the "
                       "period, if shorter) fails it, as does a balancer answering that it has "
                       "no healthy server, so a cut, lossy, partitioned or slowed link fails it "
                       "as a dead target does. One failed check takes a target out of new "
                       "answers, one passed check puts it back"),
        integerProperty("resolvers", 32, 1, 100000, "resolvers",
                        "Caching resolvers per client population; each caches the answer on "
                        "its own, so the population moves over gradually"),
    };
    return d;
}

} // namespace

ComponentKind dnsKind() {
    return {dnsDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<DnsService>(c); }};
}

} // namespace sb::comp
