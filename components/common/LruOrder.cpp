#include "components/common/LruOrder.h"

namespace sb::comp {

LruOrder::LruOrder(std::size_t slots)
    : m_lists(slots) {}

void LruOrder::inserted(std::uint32_t slot) {
    m_lists.pushFront(m_order, slot);
}

void LruOrder::accessed(std::uint32_t slot) {
    m_lists.unlink(m_order, slot);
    m_lists.pushFront(m_order, slot);
}

void LruOrder::removed(std::uint32_t slot) {
    m_lists.unlink(m_order, slot);
}

std::uint32_t LruOrder::victim() const {
    return m_order.tail;
}

} // namespace sb::comp
