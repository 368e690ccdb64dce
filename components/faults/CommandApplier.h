#pragma once

#include "design/Design.h"
#include "emulator/Simulation.h"

#include <string>

namespace sb::comp {

/// Applies one fault action now (engine thread): fail/recover a node or a whole data
/// centre, partition/heal two data centres, slow/unslow a node or link, drop a fraction on
/// a link, promote (manual failover), add/remove a shard, a traffic spike, or set a live
/// property. Returns an empty string, or why it could not.
std::string applyFault(emu::Simulation& sim, const design::Design& design,
                       const design::Fault& fault);

/// Schedules the design's fault list and, when enabled, chaos mode.
void scheduleFaults(emu::Simulation& sim, const design::Design& design);

} // namespace sb::comp
