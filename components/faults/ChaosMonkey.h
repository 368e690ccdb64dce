#pragma once

#include "design/Design.h"
#include "emulator/Simulation.h"

#include <memory>

namespace sb::comp {

/// Chaos mode: each eligible node fails after an exponential time with mean MTBF and
/// recovers after an exponential time with mean MTTR, drawn from the chaos seed's own
/// streams (so chaos does not disturb the traffic's random draws).
void scheduleChaos(emu::Simulation& sim, std::shared_ptr<const design::Design> design);

} // namespace sb::comp
