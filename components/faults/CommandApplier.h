#pragma once

#include "components/faults/Chaos.h"
#include "components/faults/Command.h"
#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "emulator/Simulation.h"

#include <memory>
#include <string>

namespace sb::comp {

/// The one place commands meet a running simulation (engine thread): the design's fault
/// schedule, the window's live controls and chaos mode all apply their Command here. It
/// lives as a service of the simulation it was prepared for (prepareCommands).
class CommandApplier {
public:
    /// The applier of `sim` (prepareCommands gave it its design).
    static CommandApplier& of(emu::Simulation& sim);

    void prepare(std::shared_ptr<const design::Design> design,
                 const design::DescriptorCatalog& catalog);
    /// Applies a command now. Returns an empty string, or why it could not (also logged,
    /// as fault_ignored).
    std::string apply(emu::Simulation& sim, const Command& command);
    /// Applies a command at a virtual time.
    void schedule(emu::Simulation& sim, emu::Time at, Command command);

private:
    std::string applyOne(emu::Simulation& sim, const command::Fault& c);
    std::string applyOne(emu::Simulation& sim, const command::SetProperty& c);
    std::string applyOne(emu::Simulation& sim, const command::Burst& c);
    std::string applyOne(emu::Simulation& sim, const command::CacheMissStorm& c);
    std::string applyOne(emu::Simulation& sim, const command::StartChaos& c);
    std::string applyOne(emu::Simulation& sim, const command::StopChaos& c);
    std::string applyOne(emu::Simulation& sim, const command::Note& c);

    std::shared_ptr<const design::Design> m_design;
    const design::DescriptorCatalog* m_catalog = nullptr;
    Chaos m_chaos;
};

/// Gives the simulation built from `design` its command applier, and schedules the
/// design's faults (each undone after its duration_s) and, when enabled, chaos mode.
void prepareCommands(emu::Simulation& sim, const design::Design& design,
                     const design::DescriptorCatalog& catalog);

} // namespace sb::comp
