#include "components/queue/QueueKind.h"

#include "components/queue/MessageQueue.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor queueDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "queue";
    d.displayName = "Message queue";
    d.iconName = "queue";
    d.category = "Async";
    d.summary = "Holds published jobs until the linked workers take them";
    d.roles = {roles::kQueue};
    d.linksTo = {roles::kConsumer};
    d.shape = design::DiagramShape::Queue;
    d.properties = {
        integerProperty("capacity", 10000, 0, 1e9, "messages",
                        "Messages it holds (per consumer group); beyond it publishes are refused"),
        choiceProperty("delivery", {"work_queue", "pub_sub"},
                       "Work queue: the workers share the messages; pub-sub: every consumer "
                       "group gets each message"),
        booleanProperty("replicated", false,
                        "Replicated queues keep their messages when the node fails; others "
                        "lose them"),
        numberProperty("latency_ms", 1, 0, 600000, "ms", "Time to acknowledge a publish"),
        numberProperty("replication_ms", 2, 0, 600000, "ms",
                       "Extra acknowledgement time when replicated"),
    };
    return d;
}

} // namespace

ComponentKind queueKind() {
    return {queueDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<MessageQueue>(c); }};
}

} // namespace sb::comp
