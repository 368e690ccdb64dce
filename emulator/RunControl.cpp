#include "emulator/RunControl.h"

#include "emulator/Pacer.h"

#include <boost/asio/post.hpp>
#include <cstdio>

namespace sb::emu {

RunControl::RunControl(std::unique_ptr<Simulation> simulation, RunSettings settings,
                       RunObserver* observer, WallClock* clock)
    : m_sim(std::move(simulation))
    , m_settings(settings)
    , m_observer(observer)
    , m_ownClock(clock ? nullptr : std::make_unique<SteadyWallClock>())
    , m_clock(clock ? *clock : *m_ownClock) {}

void RunControl::attention() {
    m_sim->kernel().requestInterrupt();
    m_clock.wake();
}

RunControl::~RunControl() {
    stop();
    waitFinished(std::chrono::hours(1));
    if (m_thread.joinable())
        m_thread.join();
}

void RunControl::start(boost::asio::thread_pool* pool) {
    {
        std::lock_guard lock(m_mutex);
        if (m_state != RunState::Ready)
            return;
        m_state = m_pauseRequested ? RunState::Paused : RunState::Running;
    }
    if (pool)
        boost::asio::post(*pool, [this] { body(); });
    else
        m_thread = std::thread([this] { body(); });
}

const RunResult& RunControl::runHere() {
    {
        std::lock_guard lock(m_mutex);
        m_state = RunState::Running;
    }
    body();
    if (!m_result->error.empty())
        throw RunError(m_result->error);
    return *m_result;
}

void RunControl::pause() {
    std::lock_guard lock(m_mutex);
    m_pauseRequested = true;
    attention();
}

void RunControl::resume() {
    std::lock_guard lock(m_mutex);
    m_pauseRequested = false;
    attention();
    m_changed.notify_all();
}

void RunControl::step() {
    std::lock_guard lock(m_mutex);
    m_stepRequested = true;
    attention();
    m_changed.notify_all();
}

void RunControl::stop() {
    std::lock_guard lock(m_mutex);
    m_stopRequested = true;
    attention();
    m_changed.notify_all();
}

void RunControl::setSpeed(double speed) {
    std::lock_guard lock(m_mutex);
    m_requestedSpeed = speed;
    attention();
}

void RunControl::post(std::function<void(Simulation&)> command) {
    std::lock_guard lock(m_mutex);
    m_commands.push_back(std::move(command));
    attention();
    m_changed.notify_all();
}

Time RunControl::pacedNow() const {
    return m_pacer ? m_pacer->virtualNow() : m_sim->now();
}

RunState RunControl::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

bool RunControl::waitFinished(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    if (m_state == RunState::Ready)
        return true;
    return m_changed.wait_for(lock, timeout, [this] { return m_state == RunState::Finished; });
}

std::shared_ptr<const RunResult> RunControl::result() const {
    std::lock_guard lock(m_mutex);
    return m_result;
}

SnapshotPtr RunControl::latestSnapshot() const {
    std::lock_guard lock(m_mutex);
    return m_latest;
}

bool RunControl::serviceInterrupt() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_stopRequested)
            return false;
        if (!m_commands.empty()) {
            auto commands = std::move(m_commands);
            m_commands.clear();
            lock.unlock();
            for (auto& c : commands)
                c(*m_sim);
            lock.lock();
            continue;
        }
        if (m_requestedSpeed >= 0) {
            const double speed = m_requestedSpeed;
            m_requestedSpeed = -1;
            m_settings.speed = speed;
            m_pacer->setSpeed(speed, m_sim->now());
        }
        if (m_stepRequested) {
            m_stepRequested = false;
            m_pauseRequested = false;
            m_stepUntil = m_sim->now() + m_sim->resolution();
            m_sim->at(m_stepUntil, [this] {
                std::lock_guard inner(m_mutex);
                if (m_stepUntil != kNever) {
                    m_stepUntil = kNever;
                    m_pauseRequested = true;
                    m_sim->kernel().requestInterrupt();
                }
            });
        }
        if (!m_pauseRequested)
            break;
        if (m_state != RunState::Paused || !m_latest) { // a run started paused shows t = 0
            m_state = RunState::Paused;
            lock.unlock();
            publish(false);
            lock.lock();
        }
        m_changed.wait_for(lock, std::chrono::milliseconds(20));
    }
    if (m_state == RunState::Paused) {
        m_state = RunState::Running;
        m_pacer->rebase(m_sim->now());
    }
    return true;
}

void RunControl::publish(bool finalSnapshot) {
    const Time duration = fromSeconds(m_settings.durationSeconds);
    // After the series merged row pairs, every row changed: send them all again.
    if (m_sim->series().mergeFactor() != m_publishedMerge) {
        m_publishedMerge = m_sim->series().mergeFactor();
        m_publishedRows = 0;
    }
    std::shared_ptr<Snapshot> building =
        m_sim->snapshot(m_publishedRows, m_publishedEvents, duration);
    building->wallSeconds = std::chrono::duration<double>(m_clock.now() - m_wallStart).count();
    building->behindMs = m_pacer->behindMs();
    building->finished = finalSnapshot;
    SnapshotPtr snap;
    {
        std::lock_guard lock(m_mutex);
        building->paused = m_state == RunState::Paused;
        snap = std::move(building);
        m_latest = snap;
    }
    m_publishedRows = snap->firstRow + snap->newRows.size();
    m_publishedEvents += snap->newEvents.size();
    m_lastPublish = m_clock.now();
    if (m_observer)
        m_observer->snapshot(snap);
}

Kernel::StopReason RunControl::simulate(std::string& error) {
    Kernel& kernel = m_sim->kernel();
    try {
        m_sim->start(fromSeconds(m_settings.resolutionSeconds),
                     fromSeconds(m_settings.warmupSeconds));
        return kernel.runUntil(fromSeconds(m_settings.durationSeconds), m_pacer.get());
    } catch (const std::exception& e) {
        char when[32];
        std::snprintf(when, sizeof when, "%.3f", toSeconds(kernel.now()));
        error = "the emulation failed at t = " + std::string(when) + " s in " +
                m_sim->describeEntity(kernel.currentTarget()) + ": " + e.what();
        return Kernel::StopReason::Stopped;
    }
}

void RunControl::body() {
    m_wallStart = m_clock.now();
    m_lastPublish = m_wallStart;
    Kernel& kernel = m_sim->kernel();
    m_pacer =
        std::make_unique<RealTimePacer>(kernel, kernel.interruptFlag(), m_settings.speed, m_clock);
    m_pacer->rebase(0);
    m_sim->setSampleHook([this] {
        bool pause = false;
        for (SampleWatcher* w : m_watchers)
            pause = w->sampled(*m_sim) || pause;
        if (pause) {
            std::lock_guard lock(m_mutex);
            m_pauseRequested = true;
            attention();
        }
        const auto interval =
            std::chrono::duration<double, std::milli>(m_clock.now() - m_lastPublish);
        if (interval.count() >= m_settings.snapshotIntervalMs)
            publish(false);
    });
    kernel.setInterruptHandler([this] { return serviceInterrupt(); });
    std::string error;
    const Kernel::StopReason reason = simulate(error);
    const double wall = std::chrono::duration<double>(m_clock.now() - m_wallStart).count();
    publish(true); // before the series moves into the result
    auto result = std::make_shared<RunResult>(
        summarize(*m_sim, m_settings, wall, reason == Kernel::StopReason::Stopped));
    result->error = std::move(error);
    {
        std::lock_guard lock(m_mutex);
        m_result = result;
        m_state = RunState::Finished;
    }
    m_changed.notify_all();
    if (m_observer)
        m_observer->finished(result);
}

} // namespace sb::emu
