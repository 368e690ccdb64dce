#include "components/api_gateway/ApiGatewayKind.h"

#include "components/api_gateway/ApiGateway.h"
#include "components/api_gateway/RequestClassSet.h"
#include "components/common/CallPolicy.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::PropertySpec classesProperty() {
    auto classes = textProperty(
        "classes", "",
        "Request classes this link carries (read, write, static, async, join; separated by "
        "commas): the gateway sends a class over the links that name it, else over the "
        "links that name none");
    classes.textCheck = [](const std::string& text) {
        std::string error;
        RequestClassSet::parse(text, error);
        return error;
    };
    return classes;
}

design::ComponentDescriptor apiGatewayDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "api_gateway";
    d.displayName = "API gateway";
    d.iconName = "api_gateway";
    d.category = "Edge";
    d.summary = "Routes request classes to services, with its own latency, authentication "
                "and a rate limit (429)";
    d.roles = {kApiGatewayRole};
    d.linksTo = {roles::kServer, roles::kBalancer};
    d.acceptsFrom = {roles::kTrafficSource, roles::kResolver};
    d.shape = design::DiagramShape::Router;
    d.forwards = true;
    d.properties = {
        numberProperty("latency_ms", 2, 0, 600000, "ms", "Time the gateway adds to a request"),
        numberProperty("auth_ms", 0, 0, 600000, "ms",
                       "Time to authenticate a request, added to latency_ms (0: no "
                       "authentication)"),
        integerProperty("workers", 1000, 1, 1000000, "requests",
                        "Requests handled at once; more wait"),
        integerProperty("queue_limit", 10000, 0, 10000000, "requests",
                        "Requests that may wait; beyond it the gateway answers 503"),
        numberProperty("rate_rps", 0, 0, 1e8, "req/s",
                       "Rate limit: requests admitted per second over a long run, the rest "
                       "answered 429 (0: no limit); changes live"),
        integerProperty("burst", 100, 1, 10000000, "requests",
                        "Rate limit: the most requests admitted at one instant"),
        callPolicyProperty(),
    };
    d.outLinkProperties = {linkCallPolicyProperty(), classesProperty()};
    return d;
}

} // namespace

ComponentKind apiGatewayKind() {
    return {apiGatewayDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<ApiGateway>(c); }};
}

} // namespace sb::comp
