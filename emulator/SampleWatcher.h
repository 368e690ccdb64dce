#pragma once

namespace sb::emu {

class Simulation;

/// Looks at the run after every series sample, on the engine thread (a recorder of the
/// run's timeline, a breakpoint). Simulation::lastSample() holds the sample's row.
class SampleWatcher {
public:
    virtual ~SampleWatcher() = default;
    /// Returns true to pause the run at this moment.
    virtual bool sampled(const Simulation& simulation) = 0;
};

} // namespace sb::emu
