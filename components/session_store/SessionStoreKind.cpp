#include "components/session_store/SessionStoreKind.h"

#include "components/registry/BuildContext.h"
#include "components/session_store/SessionStore.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor sessionStoreDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "session_store";
    d.displayName = "Session store";
    d.iconName = "session_store";
    d.category = "Data";
    d.summary = "Shared session storage that lets any web server serve any user";
    d.roles = {roles::kSessionStore};
    d.linksTo = {};
    d.shape = design::DiagramShape::Storage;
    d.properties = {
        integerProperty("capacity", 1000000, 1, 100000000, "sessions",
                        "Sessions held; beyond it the least recently used is dropped"),
        numberProperty("latency_ms", 1, 0.001, 10000, "ms", "Time to read one session"),
        integerProperty("workers", 16, 1, 4096, "workers", "Lookups served at once"),
        integerProperty("queue_limit", 1000, 0, 1000000, "requests",
                        "Lookups that may wait; beyond it the store refuses them"),
    };
    return d;
}

} // namespace

ComponentKind sessionStoreKind() {
    return {sessionStoreDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<SessionStore>(c); }};
}

} // namespace sb::comp
