#include "components/object_store/ObjectStoreKind.h"

#include "components/object_store/ObjectStore.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor objectStoreDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "object_store";
    d.displayName = "Object store";
    d.iconName = "object_store";
    d.category = "Data";
    d.summary = "Stores static files (images, scripts): the origin behind a CDN";
    d.roles = {roles::kStaticOrigin};
    d.linksTo = {};
    d.shape = design::DiagramShape::Storage;
    d.properties = {
        numberProperty("latency_ms", 20, 0.01, 60000, "ms", "Time to serve one object"),
        numberProperty("max_rps", 5000, 0.1, 10000000, "req/s",
                       "Most requests served per second; beyond it requests queue"),
        integerProperty("queue_limit", 10000, 0, 10000000, "requests",
                        "Requests that may wait; beyond it the store answers 503"),
    };
    return d;
}

} // namespace

ComponentKind objectStoreKind() {
    return {objectStoreDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<ObjectStore>(c); }};
}

} // namespace sb::comp
