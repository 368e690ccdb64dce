#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

namespace sb::comp {

enum class Eviction { Lru, Lfu, Fifo };

/// Parses "lru", "lfu", "fifo" (anything else is LRU).
Eviction parseEviction(std::string_view name);

/// Decides which cached item goes when a full cache takes a new one. Items are named by
/// slot numbers below the cache's capacity; every operation is O(1).
class EvictionOrder {
public:
    virtual ~EvictionOrder() = default;
    virtual void inserted(std::uint32_t slot) = 0;
    virtual void accessed(std::uint32_t slot) = 0;
    virtual void removed(std::uint32_t slot) = 0;
    /// The slot to evict next; only called when at least one slot is held.
    virtual std::uint32_t victim() const = 0;

    /// An order of the given kind; `slots` reserves room for that many items up front.
    static std::unique_ptr<EvictionOrder> create(Eviction eviction, std::size_t slots);
};

} // namespace sb::comp
