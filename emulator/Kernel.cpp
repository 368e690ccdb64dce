#include "emulator/Kernel.h"

namespace sb::emu {

Kernel::Kernel(std::unique_ptr<EventSet> events)
    : m_events(events ? std::move(events) : std::make_unique<QuaternaryHeapEventSet>()) {}

std::uint32_t Kernel::addEntity(Entity* entity) {
    m_entities.push_back(entity);
    return static_cast<std::uint32_t>(m_entities.size() - 1);
}

bool Kernel::serviceInterrupt() {
    m_interrupt.store(false, std::memory_order_relaxed);
    return m_onInterrupt ? m_onInterrupt() : true;
}

bool Kernel::step(Time limit) {
    if (m_events->empty() || m_events->peek().time > limit)
        return false;
    execute(m_events->pop());
    return true;
}

Kernel::StopReason Kernel::runUntil(Time limit, Pacer* pacer) {
    for (;;) {
        if (m_interrupt.load(std::memory_order_acquire) && !serviceInterrupt())
            return StopReason::Stopped;
        const Time next = m_events->empty() ? kNever : m_events->peek().time;
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
            return m_events->empty() ? StopReason::NoMoreEvents : StopReason::TimeLimit;
        }
        if (pacer && !pacer->waitUntil(next))
            return StopReason::Stopped;
        if (m_interrupt.load(std::memory_order_acquire))
            continue; // handle the interrupt first; the event stays in the set
        execute(m_events->pop());
    }
}

} // namespace sb::emu
