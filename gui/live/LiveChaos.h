#pragma once

#include "design/Design.h"
#include "emulator/Simulation.h"

#include <memory>

namespace sb::gui {

/// Chaos mode switched on and off while a run goes on: each eligible node fails after an
/// exponential time with mean MTBF and recovers after one with mean MTTR, from the chaos
/// seed's own streams. Unlike a design's chaos settings it can be stopped: stopping
/// recovers the nodes it failed. Every call happens on the engine thread.
class LiveChaos {
public:
    LiveChaos();
    void start(emu::Simulation& sim, const design::Design& design,
               const design::ChaosSettings& settings);
    void stop(emu::Simulation& sim);

private:
    struct State;
    static void scheduleNext(emu::Simulation& sim, const std::shared_ptr<State>& state,
                             std::size_t target, bool failNext);

    std::shared_ptr<State> m_state;
};

} // namespace sb::gui
