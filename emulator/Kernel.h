#pragma once

#include "emulator/EventSet.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace sb::emu {

/// Something events are delivered to.
class Entity {
public:
    virtual ~Entity() = default;
    virtual void handleEvent(std::uint32_t kind, std::uint64_t payload) = 0;
};

/// Decides how virtual time relates to wall time. Asked before each event is executed.
class Pacer {
public:
    virtual ~Pacer() = default;
    /// Blocks until virtual time `t` may be executed; returns false when the run must stop.
    virtual bool waitUntil(std::int64_t t) = 0;
    /// True while the pacer never waits (as fast as possible): the kernel skips it.
    bool idle() const { return m_idle; }

protected:
    void setIdle(bool idle) { m_idle = idle; }

private:
    bool m_idle = false;
};

/// Names a cancellable event (Kernel::scheduleCancellable). A default handle names nothing;
/// cancelling it, or one whose event has fired or was cancelled, does nothing.
struct TimerHandle {
    std::uint32_t slot = UINT32_MAX;
    std::uint32_t generation = 0;
    bool valid() const { return slot != UINT32_MAX; }
};

class SchedulingError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

/// The discrete-event kernel: a clock, an event set, an entity table and a trace fingerprint.
/// Single-threaded; other threads reach it only through RunControl.
class Kernel {
public:
    Kernel() = default;

    std::uint32_t addEntity(Entity* entity);
    Time now() const { return m_now; }

    /// Schedules an event at an absolute time; scheduling into the past throws SchedulingError.
    void schedule(Time at, std::uint32_t target, std::uint32_t kind, std::uint64_t payload = 0) {
        if (at < m_now)
            throw SchedulingError("an event was scheduled into the past");
        m_events.insert(at, m_sequence++, target, kind, payload);
    }
    void scheduleIn(Time delay, std::uint32_t target, std::uint32_t kind,
                    std::uint64_t payload = 0) {
        schedule(m_now + delay, target, kind, payload);
    }

    /// Like schedule, but the event can be cancelled until it fires. A cancelled event stays
    /// in the set and is dropped unexecuted when it comes first: it moves neither the clock
    /// nor the fingerprint, and is not counted. Events that are never cancelled execute and
    /// hash exactly as scheduled ones.
    TimerHandle scheduleCancellable(Time at, std::uint32_t target, std::uint32_t kind,
                                    std::uint64_t payload = 0) {
        const TimerHandle h = addTimer(target, payload);
        schedule(at, target | kCancellable, kind, timerPayload(h));
        return h;
    }
    TimerHandle scheduleCancellableIn(Time delay, std::uint32_t target, std::uint32_t kind,
                                      std::uint64_t payload = 0) {
        return scheduleCancellable(m_now + delay, target, kind, payload);
    }
    /// Cancels a pending cancellable event; returns false (and does nothing) for a handle
    /// whose event fired or was cancelled already, or that names nothing. `payload`, when
    /// given, receives the cancelled event's payload.
    bool cancel(TimerHandle handle, std::uint64_t* payload = nullptr);
    /// The target of a cancellable event still pending, or UINT32_MAX.
    std::uint32_t pendingTarget(TimerHandle handle) const {
        return handle.slot < m_timers.size() &&
                       m_timers[handle.slot].generation == handle.generation
                   ? m_timers[handle.slot].target
                   : UINT32_MAX;
    }

    /// A lane is a source of events scheduled with a fixed delay (a link direction's
    /// latency, a population's timeout). Events scheduled one delay from now fall due in the
    /// order they are scheduled, whichever lane sent them, so lanes whose delay is the same
    /// share one FIFO ring, and only each ring's first event competes with the heap, in
    /// O(log rings): a design whose links all have one latency keeps one ring. The execution
    /// order is the same (time, then sequence) as if every event were in the heap; an event
    /// that would fall due before its ring's last one goes to the heap. A lane whose delay
    /// keeps changing (jitter) ends up with a ring of its own.
    std::uint32_t addLane();
    void scheduleInLane(std::uint32_t lane, Time delay, std::uint32_t target, std::uint32_t kind,
                        std::uint64_t payload = 0) {
        const Time at = m_now + delay;
        if (delay < 0) {
            schedule(at, target, kind, payload);
            return;
        }
        LaneRoute& route = m_laneRoutes[lane];
        if (delay != route.delay)
            reroute(route, delay);
        EventRing& ring = m_rings[route.ring];
        if (!ring.empty() && at < ring.backTime()) {
            schedule(at, target, kind, payload);
            return;
        }
        const std::uint64_t sequence = m_sequence++;
        ring.push(at, sequence, target, kind, payload);
        ++m_laneEvents;
        if (ring.size() == 1)
            addLaneHead(at, sequence, route.ring);
    }

    enum class StopReason { TimeLimit, NoMoreEvents, Stopped };
    /// Executes events up to and including `limit`. With a pacer, waits on it before each
    /// event; `interrupt`, when set by another thread, makes the kernel call `onInterrupt`
    /// between events (commands, pause, stop). The clock ends at `limit` unless stopped.
    StopReason runUntil(Time limit, Pacer* pacer = nullptr);
    /// Executes the next event if it is at or before `limit`; returns false otherwise.
    bool step(Time limit = kNever);

    void setInterruptHandler(std::function<bool()> handler) { m_onInterrupt = std::move(handler); }
    /// Thread-safe: asks the running kernel to call the interrupt handler soon.
    void requestInterrupt() { m_interrupt.store(true, std::memory_order_release); }
    const std::atomic<bool>& interruptFlag() const { return m_interrupt; }

    /// The entity of the event executing now (or last executed): who to name when an
    /// event handler throws.
    std::uint32_t currentTarget() const { return m_currentTarget; }
    std::uint64_t eventsExecuted() const { return m_executed; }
    /// Events still to execute (cancelled ones not counted).
    std::size_t pendingEvents() const {
        return m_events.size() + m_laneEvents - m_cancelledPending;
    }
    /// A hash of every executed event's (time, target, kind): equal traces, equal fingerprints.
    std::uint64_t fingerprint() const { return m_fingerprint; }

private:
    /// Marks the target of a cancellable event; its payload then names a timer slot.
    static constexpr std::uint32_t kCancellable = 0x80000000u;
    struct TimerSlot {
        std::uint64_t payload = 0;
        std::uint32_t generation = 0; ///< bumps when the slot's event fires or is cancelled
        std::uint32_t target = 0;
    };
    static std::uint64_t timerPayload(TimerHandle h) {
        return (static_cast<std::uint64_t>(h.generation) << 32) | h.slot;
    }
    TimerHandle addTimer(std::uint32_t target, std::uint64_t payload);
    /// True for a cancellable event that was cancelled.
    bool cancelled(const Event& e) const {
        return (e.target & kCancellable) &&
               m_timers[static_cast<std::uint32_t>(e.payload)].generation !=
                   static_cast<std::uint32_t>(e.payload >> 32);
    }
    /// Takes a cancelled event out of the count of pending ones once it is dropped.
    void dropCancelled() {
        removeNext();
        --m_cancelledPending;
    }
    /// Executes the event peekNext returned: its fields are read before it leaves the set
    /// (the handler may reuse its place), with no copy of the event in between.
    void executeNext(const Event* next) {
        const Time time = next->time;
        std::uint32_t target = next->target;
        const std::uint32_t kind = next->kind;
        std::uint64_t payload = next->payload;
        removeNext();
        if (target & kCancellable) {
            target &= ~kCancellable;
            const auto slot = static_cast<std::uint32_t>(payload);
            payload = m_timers[slot].payload;
            ++m_timers[slot].generation;
            m_freeTimers.push_back(slot);
        }
        m_now = time;
        m_currentTarget = target;
        ++m_executed;
        m_fingerprint = (m_fingerprint ^ (static_cast<std::uint64_t>(time) * 0x9e3779b97f4a7c15ULL +
                                          (static_cast<std::uint64_t>(target) << 32) + kind)) *
                        0x100000001b3ULL;
        m_entities[target]->handleEvent(kind, payload);
    }
    bool serviceInterrupt();
    /// The earliest pending event of the heap and the lanes, or null.
    const Event* peekNext() const {
        const Event* heap = m_events.empty() ? nullptr : &m_events.peek();
        m_nextInLane = false;
        if (m_laneHeap.empty())
            return heap;
        const Event* lane = &m_rings[m_laneHeap.front().ring].front();
        if (heap && heap->before(*lane))
            return heap;
        m_nextInLane = true;
        return lane;
    }
    /// Takes out the event the last peekNext returned (nothing may change the set between).
    void removeNext();
    /// A non-empty ring in the heap of rings, keyed by its first event.
    struct LaneHead {
        Time time;
        std::uint64_t sequence;
        std::uint32_t ring;
        bool before(const LaneHead& o) const {
            return time < o.time || (time == o.time && sequence < o.sequence);
        }
    };
    void addLaneHead(Time time, std::uint64_t sequence, std::uint32_t ring);
    void siftLaneHead(Time time, std::uint64_t sequence, std::uint32_t ring);
    /// Where a lane's events go: the ring shared by its delay.
    struct LaneRoute {
        Time delay = -1; ///< the delay `ring` was chosen for
        std::uint32_t ring = 0;
        std::uint32_t own = UINT32_MAX; ///< the lane's own ring, once its delay kept changing
        std::uint32_t reroutes = 0;
    };
    /// Routes a lane to the ring of a new delay (its own ring after a few changes, so that
    /// jitter does not make a ring per delay drawn).
    void reroute(LaneRoute& route, Time delay);
    std::uint32_t addRing();

    RadixEventSet m_events;
    std::vector<LaneRoute> m_laneRoutes;
    std::vector<EventRing> m_rings;
    std::unordered_map<Time, std::uint32_t> m_ringOfDelay; ///< the shared rings
    std::vector<LaneHead> m_laneHeap;                      ///< a binary heap of the non-empty rings
    std::size_t m_laneEvents = 0;
    mutable bool m_nextInLane = false; ///< where peekNext found the earliest event
    std::vector<TimerSlot> m_timers;
    std::vector<std::uint32_t> m_freeTimers;
    std::size_t m_cancelledPending = 0; ///< cancelled events still in the set
    std::vector<Entity*> m_entities;
    Time m_now = 0;
    std::uint64_t m_sequence = 0;
    std::uint64_t m_executed = 0;
    std::uint32_t m_currentTarget = UINT32_MAX;
    std::uint64_t m_fingerprint = 0xcbf29ce484222325ULL;
    std::atomic<bool> m_interrupt{false};
    std::function<bool()> m_onInterrupt;
};

} // namespace sb::emu
