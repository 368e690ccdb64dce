#include "emulator/Kernel.h"

namespace sb::emu {

std::uint32_t Kernel::addEntity(Entity* entity) {
    m_entities.push_back(entity);
    return static_cast<std::uint32_t>(m_entities.size() - 1);
}

TimerHandle Kernel::addTimer(std::uint32_t target, std::uint64_t payload) {
    std::uint32_t slot;
    if (m_freeTimers.empty()) {
        slot = static_cast<std::uint32_t>(m_timers.size());
        m_timers.emplace_back();
    } else {
        slot = m_freeTimers.back();
        m_freeTimers.pop_back();
    }
    m_timers[slot].payload = payload;
    m_timers[slot].target = target;
    return {slot, m_timers[slot].generation};
}

bool Kernel::cancel(TimerHandle handle, std::uint64_t* payload) {
    if (handle.slot >= m_timers.size() || m_timers[handle.slot].generation != handle.generation)
        return false;
    TimerSlot& t = m_timers[handle.slot];
    if (payload)
        *payload = t.payload;
    ++t.generation; // the event in the set no longer matches: it is dropped when it comes up
    m_freeTimers.push_back(handle.slot);
    ++m_cancelledPending;
    return true;
}

std::uint32_t Kernel::addLane() {
    m_laneRoutes.emplace_back();
    return static_cast<std::uint32_t>(m_laneRoutes.size() - 1);
}

std::uint32_t Kernel::addRing() {
    m_rings.emplace_back();
    return static_cast<std::uint32_t>(m_rings.size() - 1);
}

void Kernel::reroute(LaneRoute& route, Time delay) {
    // A lane that changes delay more often than this (jittered latency) keeps its own ring.
    constexpr std::uint32_t kSharedReroutes = 4;
    route.delay = delay;
    if (route.reroutes < kSharedReroutes) {
        ++route.reroutes;
        const auto [it, added] = m_ringOfDelay.try_emplace(delay, 0);
        if (added)
            it->second = addRing();
        route.ring = it->second;
        return;
    }
    if (route.own == UINT32_MAX)
        route.own = addRing();
    route.ring = route.own;
}

void Kernel::addLaneHead(Time time, std::uint64_t sequence, std::uint32_t ring) {
    // Scalars rather than a LaneHead, as in siftLaneHead.
    const LaneHead head{time, sequence, ring};
    std::size_t i = m_laneHeap.size();
    m_laneHeap.push_back(head);
    while (i > 0) {
        const std::size_t parent = (i - 1) / 2;
        if (!head.before(m_laneHeap[parent]))
            break;
        m_laneHeap[i] = m_laneHeap[parent];
        i = parent;
    }
    m_laneHeap[i] = head;
}

void Kernel::siftLaneHead(Time time, std::uint64_t sequence, std::uint32_t ring) {
    // Puts the ring's head at the root and sifts it down. (Three arguments rather than a
    // LaneHead: a struct built field by field and passed on the stack stalls its reload.)
    const LaneHead head{time, sequence, ring};
    const std::size_t n = m_laneHeap.size();
    std::size_t i = 0;
    for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && m_laneHeap[child + 1].before(m_laneHeap[child]))
            ++child;
        if (!m_laneHeap[child].before(head))
            break;
        m_laneHeap[i] = m_laneHeap[child];
        i = child;
    }
    m_laneHeap[i] = head;
}

void Kernel::removeNext() {
    if (!m_nextInLane) {
        m_events.removeFirst();
        return;
    }
    const std::uint32_t index = m_laneHeap.front().ring;
    EventRing& ring = m_rings[index];
    ring.pop();
    --m_laneEvents;
    if (!ring.empty()) {
        siftLaneHead(ring.front().time, ring.front().sequence, index);
    } else {
        const LaneHead last = m_laneHeap.back();
        m_laneHeap.pop_back();
        if (!m_laneHeap.empty())
            siftLaneHead(last.time, last.sequence, last.ring);
    }
}

bool Kernel::serviceInterrupt() {
    m_interrupt.store(false, std::memory_order_relaxed);
    return m_onInterrupt ? m_onInterrupt() : true;
}

bool Kernel::step(Time limit) {
    const Event* next = peekNext();
    while (next && cancelled(*next)) {
        dropCancelled();
        next = peekNext();
    }
    if (!next || next->time > limit)
        return false;
    executeNext(next);
    return true;
}

Kernel::StopReason Kernel::runUntil(Time limit, Pacer* pacer) {
    for (;;) {
        if (m_interrupt.load(std::memory_order_acquire) && !serviceInterrupt())
            return StopReason::Stopped;
        const Event* first = peekNext();
        if (first && cancelled(*first)) {
            dropCancelled();
            continue;
        }
        const Time next = first ? first->time : kNever;
        if (next == kNever && limit == kNever)
            return StopReason::NoMoreEvents;
        if (next > limit) {
            if (pacer && !pacer->waitUntil(limit))
                return StopReason::Stopped;
            if (m_interrupt.load(std::memory_order_acquire)) {
                if (!serviceInterrupt())
                    return StopReason::Stopped;
                continue; // a command may have scheduled something before the limit
            }
            if (limit != kNever && limit > m_now)
                m_now = limit;
            return peekNext() ? StopReason::TimeLimit : StopReason::NoMoreEvents;
        }
        if (pacer && !pacer->idle() && !pacer->waitUntil(next))
            return StopReason::Stopped;
        if (m_interrupt.load(std::memory_order_acquire))
            continue; // handle the interrupt first; the event stays in the set
        executeNext(first);
    }
}

} // namespace sb::emu
