#pragma once

#include "components/common/EvictionOrder.h"
#include "components/common/SlotLists.h"

#include <vector>

namespace sb::comp {

/// Least frequently used goes first (ties: the least recently used of them), in O(1):
/// items sit in per-count buckets kept in increasing count order, so an access moves an
/// item one bucket up and the victim is the oldest item of the lowest bucket. Counts live
/// only while the item is cached (an evicted item starts again from one).
class LfuOrder final : public EvictionOrder {
public:
    explicit LfuOrder(std::size_t slots);

    void inserted(std::uint32_t slot) override;
    void accessed(std::uint32_t slot) override;
    void removed(std::uint32_t slot) override;
    std::uint32_t victim() const override;

    /// How many accesses (the insertion included) the item in `slot` has had.
    std::uint64_t count(std::uint32_t slot) const { return m_buckets[m_bucketOf[slot]].count; }

private:
    struct Bucket {
        std::uint64_t count = 0;
        SlotLists::Ends items;
        std::uint32_t lower = SlotLists::kNone;
        std::uint32_t higher = SlotLists::kNone;
    };
    std::uint32_t addBucket(std::uint64_t count, std::uint32_t lower, std::uint32_t higher);
    void dropIfEmpty(std::uint32_t bucket);

    SlotLists m_lists;
    std::vector<Bucket> m_buckets;
    std::vector<std::uint32_t> m_freeBuckets;
    std::vector<std::uint32_t> m_bucketOf;
    std::uint32_t m_lowest = SlotLists::kNone;
};

} // namespace sb::comp
