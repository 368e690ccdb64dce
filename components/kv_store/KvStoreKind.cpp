#include "components/kv_store/KvStoreKind.h"

#include "components/kv_store/KvStore.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor kvStoreDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "kv_store";
    d.displayName = "Key-value store";
    d.iconName = "kv_store";
    d.category = "Data";
    d.summary = "A Dynamo-style store: N replicas per key on a ring, R and W quorums, hinted "
                "handoff";
    // Takes the reads and writes of its data, as a primary does (the tiers that send a
    // primary their queries send them here); it replicates within itself.
    d.roles = {roles::kWriter};
    d.shape = design::DiagramShape::Storage;
    d.properties = {
        integerProperty("members", 5, 1, 1000, "nodes", "Storage nodes on the ring"),
        integerProperty("replicas", 3, 1, 1000, "copies", "N: the members that keep each key"),
        integerProperty("read_quorum", 1, 1, 1000, "replies",
                        "R: replies a read waits for (the newest version among them wins)"),
        integerProperty("write_quorum", 1, 1, 1000, "acks",
                        "W: members that must apply a write before it is acknowledged"),
        numberProperty("member_ms", 1, 0.001, 600000, "ms", "A member's time to read or write"),
        numberProperty("member_latency_ms", 2, 0.001, 600000, "ms",
                       "Mean network delay to a member and back (exponential)"),
        booleanProperty("hinted_handoff", true,
                        "A write meant for a member that is down goes to the next healthy one, "
                        "which hands it over when the member is back"),
        integerProperty("members_down", 0, 0, 1000, "nodes",
                        "Members down (the highest-numbered); set it live or with a set fault"),
    };
    return d;
}

} // namespace

ComponentKind kvStoreKind() {
    return {kvStoreDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<KvStore>(c); }};
}

} // namespace sb::comp
