#pragma once

#include "components/common/EvictionOrder.h"
#include "components/common/SlotLists.h"

namespace sb::comp {

/// First in, first out: the oldest insertion goes first, whatever was read since.
class FifoOrder final : public EvictionOrder {
public:
    explicit FifoOrder(std::size_t slots);

    void inserted(std::uint32_t slot) override;
    void accessed(std::uint32_t slot) override;
    void removed(std::uint32_t slot) override;
    std::uint32_t victim() const override;

private:
    SlotLists m_lists;
    SlotLists::Ends m_order;
};

} // namespace sb::comp
