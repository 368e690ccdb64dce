#pragma once

#include "emulator/Kernel.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace sb::emu {

/// The wall clock a pacer follows: the system's steady clock, or a test's own.
class WallClock {
public:
    using Clock = std::chrono::steady_clock;
    virtual ~WallClock() = default;
    virtual Clock::time_point now() = 0;
    virtual void sleepFor(Clock::duration d) = 0;
    /// Ends a sleepFor early: the run has something to attend to (a pause, a command).
    virtual void wake() {}
};

/// The steady clock, and a sleep that wake() ends at once, so a command (a request to a
/// live endpoint) is served when it comes, not at the end of a sleep chunk. One per run:
/// a wake is meant for the one thread that sleeps on it.
class SteadyWallClock final : public WallClock {
public:
    Clock::time_point now() override { return Clock::now(); }
    void sleepFor(Clock::duration d) override;
    void wake() override;

private:
    std::mutex m_mutex;
    std::condition_variable m_woken;
    bool m_wake = false;
};

/// Ties virtual time to the wall clock times a speed factor. Sleeps in chunks of at most
/// 10 ms and returns early when the kernel has an interrupt pending, so pause, stop and
/// commands are served within a chunk. Measures how far it falls behind. Speed 0 means as
/// fast as possible (no waiting).
class RealTimePacer final : public Pacer {
public:
    using Clock = std::chrono::steady_clock;

    RealTimePacer(const Kernel& kernel, const std::atomic<bool>& attention, double speed,
                  WallClock& clock);

    bool waitUntil(Time t) override;
    /// Restarts the mapping from the current virtual time (after a pause or speed change).
    void rebase(Time now);
    void setSpeed(double speed, Time now);
    double speed() const { return m_speed; }
    /// The virtual time the wall clock has reached: where an event that comes from outside
    /// now (a real request) belongs. At least the kernel's clock; the kernel's clock when
    /// running as fast as possible.
    Time virtualNow() const;
    /// How far behind the wall clock the last event ran, in ms (0 when on time).
    double behindMs() const { return m_behindMs; }

private:
    const Kernel& m_kernel;
    const std::atomic<bool>& m_attention;
    WallClock& m_clock;
    double m_speed;
    Time m_virtualStart = 0;
    Clock::time_point m_wallStart;
    double m_behindMs = 0;
};

} // namespace sb::emu
