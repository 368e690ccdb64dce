#include "emulator/EventSet.h"

namespace sb::emu {

void EventRing::grow() {
    std::vector<Event> bigger(m_ring.empty() ? 16 : 2 * m_ring.size());
    for (std::size_t i = 0; i < m_size; ++i)
        bigger[i] = m_ring[(m_head + i) & (m_ring.size() - 1)];
    m_ring = std::move(bigger);
    m_head = 0;
}

void BinaryHeapEventSet::insert(const Event& event) {
    m_heap.push_back(event);
    heap::siftUp<2>(m_heap, m_heap.size() - 1);
}

Event BinaryHeapEventSet::pop() {
    return heap::pop<2>(m_heap);
}

} // namespace sb::emu
