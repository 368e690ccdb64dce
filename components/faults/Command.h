#pragma once

#include "design/Design.h"

#include <string>
#include <variant>
#include <vector>

namespace sb::comp {

/// What may be done to a running emulation. The design's fault schedule, the window's live
/// controls and chaos mode all send these typed commands to one CommandApplier, on the
/// engine thread; nothing else reaches into a running simulation.
namespace command {

/// A fault action on a node, a data centre or a link (design::Fault: fail, recover, slow,
/// unslow, drop, partition, heal, promote, add_shard, remove_shard, spike, set).
struct Fault {
    design::Fault fault;

    /// A fault action now on a target, with its parameters (an object, or null for none).
    static Fault now(std::string target, std::string action, nlohmann::json params = {}) {
        Fault c;
        c.fault.target = std::move(target);
        c.fault.action = std::move(action);
        if (params.is_object())
            c.fault.params = std::move(params);
        return c;
    }
};

/// A live property edit ("rate_multiplier", "mix.read", "workers"...). `log` writes it to
/// the event log (property_changed, or live_edit_ignored when the node does not take it).
struct SetProperty {
    std::string node;
    std::string name;
    double value = 0;
    bool log = true;
};

/// For `seconds`, a property of some nodes at a value, then back at `restore` (a traffic
/// spike, a read or write storm). Logged as burst ("<what>: <property>=<value> for <n> s")
/// and burst_over ("<what>").
struct Burst {
    std::vector<std::string> nodes;
    std::string property;
    double value = 0;
    double restore = 0;
    double seconds = 0;
    std::string what;
};

/// For `seconds`, every cache (and edge cache) restarts empty and keeps entries for a
/// millisecond, so every read misses.
struct CacheMissStorm {
    double seconds = 0;
};

/// Chaos mode on: eligible nodes fail and recover at random (design::ChaosSettings).
struct StartChaos {
    design::ChaosSettings settings;
};

/// Chaos mode off: the nodes it failed recover.
struct StopChaos {};

/// A line in the event log (a structural edit that applies to the next run, say).
struct Note {
    std::string kind;
    std::string node;
    std::string detail;
};

} // namespace command

using Command =
    std::variant<command::Fault, command::SetProperty, command::Burst, command::CacheMissStorm,
                 command::StartChaos, command::StopChaos, command::Note>;

} // namespace sb::comp
