#include "components/common/FifoOrder.h"

namespace sb::comp {

FifoOrder::FifoOrder(std::size_t slots)
    : m_lists(slots) {}

void FifoOrder::inserted(std::uint32_t slot) {
    m_lists.pushFront(m_order, slot);
}

void FifoOrder::accessed(std::uint32_t) {}

void FifoOrder::removed(std::uint32_t slot) {
    m_lists.unlink(m_order, slot);
}

std::uint32_t FifoOrder::victim() const {
    return m_order.tail;
}

} // namespace sb::comp
