#include "components/common/CommonOutcomes.h"

#include "emulator/Simulation.h"

namespace sb::comp {

namespace {
struct RegisteredOutcomes {
    CommonOutcomes outcomes{};
    bool registered = false;
};
} // namespace

const CommonOutcomes& commonOutcomes(emu::Simulation& sim) {
    auto& held = sim.service<RegisteredOutcomes>();
    if (!held.registered) {
        using Column = emu::Outcomes::Column;
        emu::Outcomes& o = sim.outcomes();
        held.outcomes = {o.failReason("session_lost"),
                         o.failReason("write_rejected"),
                         o.counter("stale_reads", Column::RunningTotal),
                         o.counter("lost_writes", Column::RunningTotal),
                         o.counter("recovered_writes"),
                         o.counter("conflicts"),
                         o.counter("session_misses"),
                         o.counter("lost_messages")};
        held.registered = true;
    }
    return held.outcomes;
}

} // namespace sb::comp
