#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "emulator/Simulation.h"

#include <memory>

namespace sb::comp {

/// Chaos mode: each eligible node (its kind's chaosEligible trait, and among the chosen
/// kinds if any) fails after an exponential time with mean MTBF and recovers after one
/// with mean MTTR, drawn from the chaos seed's own streams (so chaos does not disturb the
/// traffic's draws). It fails only nodes that are up and recovers only the nodes it failed;
/// stopping it recovers them. Engine thread only.
class Chaos {
public:
    Chaos();
    void start(emu::Simulation& sim, const design::Design& design,
               const design::DescriptorCatalog& catalog, const design::ChaosSettings& settings);
    void stop(emu::Simulation& sim);

private:
    struct State;
    static void scheduleNext(emu::Simulation& sim, const std::shared_ptr<State>& state,
                             std::size_t target, bool failNext);

    std::shared_ptr<State> m_state;
};

} // namespace sb::comp
