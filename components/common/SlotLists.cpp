#include "components/common/SlotLists.h"

namespace sb::comp {

SlotLists::SlotLists(std::size_t slots) {
    m_prev.reserve(slots);
    m_next.reserve(slots);
}

void SlotLists::pushFront(Ends& list, std::uint32_t slot) {
    if (slot >= m_prev.size()) {
        m_prev.resize(slot + 1, kNone);
        m_next.resize(slot + 1, kNone);
    }
    m_prev[slot] = kNone;
    m_next[slot] = list.head;
    if (list.head != kNone)
        m_prev[list.head] = slot;
    else
        list.tail = slot;
    list.head = slot;
}

void SlotLists::unlink(Ends& list, std::uint32_t slot) {
    const std::uint32_t prev = m_prev[slot], next = m_next[slot];
    if (prev != kNone)
        m_next[prev] = next;
    else
        list.head = next;
    if (next != kNone)
        m_prev[next] = prev;
    else
        list.tail = prev;
    m_prev[slot] = m_next[slot] = kNone;
}

} // namespace sb::comp
