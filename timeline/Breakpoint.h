#pragma once

#include "emulator/EventLog.h"
#include "emulator/SampleWatcher.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sb::timeline {

/// A condition that pauses a live run the first time it holds, checked at every sample.
struct Breakpoint {
    enum class When {
        ErrorRateAbove,   ///< the sample's error rate (0..1) above `threshold`
        P99Above,         ///< the sample's p99 latency above `threshold` ms
        NodeDown,         ///< `node` is down
        NodeDetectedDown, ///< a detected_down event for `node` (any node when empty)
        QueueAbove,       ///< `node`'s queue longer than `threshold`
        AlertFired,       ///< an alert_fired event (from `node` when given)
    };
    When when = When::ErrorRateAbove;
    double threshold = 0;
    std::string node;

    /// "error rate > 5%", "p99 > 250 ms", "db down", ...
    std::string describe() const;
    /// Reads what describe() writes, and the short forms "error_rate>0.05", "p99>250",
    /// "down NODE", "detected NODE", "queue NODE > N", "alert [NODE]"; nothing when the
    /// text is none of them.
    static std::optional<Breakpoint> parse(const std::string& text);
    bool operator==(const Breakpoint&) const = default;
};

/// The breakpoints of one run, checked on the engine thread after every sample; a hit
/// pauses the run. Each breakpoint fires once. Any thread may add breakpoints and read hits.
class BreakpointSet final : public emu::SampleWatcher {
public:
    struct Hit {
        Breakpoint breakpoint;
        emu::Time time = 0;
        double value = 0; ///< what was measured when it held (1 for events and states)
    };

    void add(Breakpoint breakpoint);
    void clear();
    std::vector<Breakpoint> armed() const;
    std::vector<Hit> hits() const;

    bool sampled(const emu::Simulation& simulation) override;

private:
    /// What `b` measures now, when it holds.
    std::optional<double> holds(const Breakpoint& b, const emu::Simulation& sim) const;

    mutable std::mutex m_mutex;
    std::vector<Breakpoint> m_armed;
    std::vector<Hit> m_hits;
    std::size_t m_events = 0; ///< events already looked at
    std::vector<emu::LogEvent> m_newEvents;
};

} // namespace sb::timeline
