#pragma once

#include "emulator/RunResult.h"
#include "emulator/SampleWatcher.h"
#include "timeline/Timeline.h"

#include <mutex>
#include <vector>

namespace sb::timeline {

/// Records a run's Timeline as it goes: watch it with RunControl::watch before the run
/// starts. Samples arrive on the engine thread; any thread may read what was recorded.
class TimelineRecorder final : public emu::SampleWatcher {
public:
    bool sampled(const emu::Simulation& simulation) override;
    /// Takes the complete event log of the finished run (events after the last sample too).
    void complete(const emu::RunResult& result);

    std::size_t samples() const;
    /// The run at a sample, with counts since `from` (Timeline::snapshotAt).
    emu::Snapshot snapshotAt(std::size_t sample, std::size_t from = 0) const;
    /// A copy of everything recorded so far.
    Timeline timeline() const;

private:
    mutable std::mutex m_mutex;
    Timeline m_timeline;
    bool m_started = false;
    // Engine-thread state: what the counters were at the last sample.
    std::vector<double> m_channels;
    std::vector<std::uint64_t> m_linkSent;
    std::vector<std::uint64_t> m_nodeCounts; ///< per node: arrivals, completed, rejected, failures
    std::uint64_t m_issued = 0, m_ok = 0, m_failed = 0;
    std::size_t m_events = 0;
};

} // namespace sb::timeline
