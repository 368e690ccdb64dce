#pragma once

#include "emulator/RunObserver.h"
#include "emulator/RunResult.h"
#include "emulator/SampleWatcher.h"
#include "emulator/Simulation.h"

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace sb::emu {

class RealTimePacer;
class WallClock;

enum class RunState { Ready, Running, Paused, Finished };

/// Thrown by RunControl::runHere when the engine failed; the message names the node, the
/// event's virtual time and the reason. The run is finished when it is thrown.
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Drives one Simulation on a worker thread: start, pause, resume, step, stop, change
/// speed, and post commands that run on the engine thread at the current virtual time.
/// The engine publishes snapshots to the observer; the caller never touches the
/// Simulation while it runs.
class RunControl {
public:
    /// `clock` is the wall clock real-time pacing and snapshot times follow (the system's
    /// steady clock unless a test brings its own).
    RunControl(std::unique_ptr<Simulation> simulation, RunSettings settings,
               RunObserver* observer = nullptr, WallClock* clock = nullptr);
    ~RunControl();
    RunControl(const RunControl&) = delete;
    RunControl& operator=(const RunControl&) = delete;

    /// Runs on `pool` when given (several runs share its threads), else on a thread of its own.
    void start(boost::asio::thread_pool* pool = nullptr);
    void pause();
    void resume();
    /// While paused: advance one series interval of virtual time, then pause again.
    void step();
    void stop();
    /// Virtual seconds per wall second; 0 = as fast as possible.
    void setSpeed(double speed);
    /// Runs `command` on the engine thread between events.
    void post(std::function<void(Simulation&)> command);
    /// Engine thread only (inside a command): the virtual time the wall clock has reached
    /// under real-time pacing, where something that happens outside now belongs; the
    /// kernel's clock when running as fast as possible.
    Time pacedNow() const;
    /// Shows `watcher` every sample (call before start); the run pauses when it asks.
    void watch(SampleWatcher* watcher) { m_watchers.push_back(watcher); }

    RunState state() const;
    bool waitFinished(std::chrono::milliseconds timeout) const;
    /// The result, once finished; null before.
    std::shared_ptr<const RunResult> result() const;
    /// The last published snapshot (may be null before the first).
    SnapshotPtr latestSnapshot() const;

    /// Runs to the end on the calling thread (CLI, tests, benchmarks); throws RunError
    /// when the engine failed. A run on a thread reports the failure in its result's
    /// `error` instead.
    const RunResult& runHere();

private:
    bool serviceInterrupt(); // engine thread
    /// Asks the engine to serve a request soon (caller holds m_mutex).
    void attention();
    void body();
    /// Runs the simulation to its end; returns how it ended, or the failure's description.
    Kernel::StopReason simulate(std::string& error);
    void publish(bool finalSnapshot);

    std::unique_ptr<Simulation> m_sim;
    RunSettings m_settings;
    RunObserver* m_observer;
    std::vector<SampleWatcher*> m_watchers;
    std::unique_ptr<WallClock> m_ownClock; ///< when the caller brings none
    WallClock& m_clock;
    std::unique_ptr<RealTimePacer> m_pacer;
    std::thread m_thread;

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::vector<std::function<void(Simulation&)>> m_commands;
    bool m_stopRequested = false;
    bool m_pauseRequested = false;
    bool m_stepRequested = false;
    double m_requestedSpeed = -1;
    RunState m_state = RunState::Ready;
    std::shared_ptr<const RunResult> m_result;
    SnapshotPtr m_latest;

    // Engine-thread state.
    std::size_t m_publishedRows = 0;
    std::size_t m_publishedMerge = 1; ///< the series' merge factor when last published
    std::size_t m_publishedEvents = 0;
    std::chrono::steady_clock::time_point m_wallStart;
    std::chrono::steady_clock::time_point m_lastPublish;
    Time m_stepUntil = kNever;
};

} // namespace sb::emu
