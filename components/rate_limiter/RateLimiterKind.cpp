#include "components/rate_limiter/RateLimiterKind.h"

#include "components/rate_limiter/RateLimiter.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor rateLimiterDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "rate_limiter";
    d.displayName = "Rate limiter";
    d.iconName = "rate_limiter";
    d.category = "Edge";
    d.summary = "Admits requests up to a rate and answers the rest 429 Too Many Requests";
    d.roles = {kRateLimiterRole};
    d.linksTo = {roles::kBalancer, roles::kServer};
    d.acceptsFrom = {roles::kTrafficSource, roles::kResolver, roles::kEdgeCache};
    d.shape = design::DiagramShape::Router;
    d.measured = false;
    d.forwards = true;
    d.properties = {
        choiceProperty("algorithm", {"token_bucket", "sliding_window"},
                       "A token bucket (refilled at rate_rps, holding at most burst: bursts "
                       "pass up to its size) or a sliding window (at most rate_rps x "
                       "window_s requests in any window_s)"),
        choiceProperty("scope", {"global", "per_user"},
                       "One limit for all traffic together, or one for each user"),
        numberProperty("rate_rps", 100, 0.001, 1e8, "req/s",
                       "Requests admitted per second over a long run (per user with "
                       "per_user); changes live"),
        integerProperty("burst", 100, 1, 10000000, "requests",
                        "Token bucket: the most requests admitted at one instant, after a "
                        "quiet spell"),
        numberProperty("window_s", 1, 0.001, 3600, "s", "Sliding window: its length"),
    };
    return d;
}

} // namespace

ComponentKind rateLimiterKind() {
    return {rateLimiterDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<RateLimiter>(c); }};
}

} // namespace sb::comp
