#include "components/common/EvictionOrder.h"

#include "components/common/FifoOrder.h"
#include "components/common/LfuOrder.h"
#include "components/common/LruOrder.h"

namespace sb::comp {

Eviction parseEviction(std::string_view name) {
    if (name == "lfu")
        return Eviction::Lfu;
    if (name == "fifo")
        return Eviction::Fifo;
    return Eviction::Lru;
}

std::unique_ptr<EvictionOrder> EvictionOrder::create(Eviction eviction, std::size_t slots) {
    switch (eviction) {
    case Eviction::Lfu:
        return std::make_unique<LfuOrder>(slots);
    case Eviction::Fifo:
        return std::make_unique<FifoOrder>(slots);
    case Eviction::Lru:
        break;
    }
    return std::make_unique<LruOrder>(slots);
}

} // namespace sb::comp
