#pragma once

#include "components/registry/ComponentRegistry.h"
#include "design/Design.h"
#include "emulator/RunResult.h"
#include "emulator/Simulation.h"

#include <memory>
#include <string>

namespace sb::comp {

/// Turns a (valid) design into a runnable Simulation: one behaviour per node from the
/// registry, one engine link per design link (latency + the regions' latency when the
/// link crosses data centres), and the design's fault schedule and chaos mode.
std::unique_ptr<emu::Simulation> buildSimulation(const design::Design& design,
                                                 const ComponentRegistry& registry,
                                                 std::uint64_t seed);

/// Run settings from a design's run defaults, overridden by what the caller set.
emu::RunSettings runSettingsFor(const design::Design& design);

/// Builds and runs a design to the end on the calling thread.
emu::RunResult runDesign(const design::Design& design, const emu::RunSettings& settings,
                         const ComponentRegistry& registry = ComponentRegistry::builtin());

} // namespace sb::comp
