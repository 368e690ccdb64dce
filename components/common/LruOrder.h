#pragma once

#include "components/common/EvictionOrder.h"
#include "components/common/SlotLists.h"

namespace sb::comp {

/// Least recently used goes first: an access moves the item to the front of one list.
class LruOrder final : public EvictionOrder {
public:
    explicit LruOrder(std::size_t slots);

    void inserted(std::uint32_t slot) override;
    void accessed(std::uint32_t slot) override;
    void removed(std::uint32_t slot) override;
    std::uint32_t victim() const override;

private:
    SlotLists m_lists;
    SlotLists::Ends m_order;
};

} // namespace sb::comp
