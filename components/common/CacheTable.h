#pragma once

#include "components/common/EvictionOrder.h"
#include "emulator/Time.h"

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace sb::comp {

/// The items of a cache: a version and an expiry per key, at most `capacity` of them, with
/// one eviction order deciding which goes when a new key arrives. Expired items are dropped
/// when looked up. Every operation is O(1); memory follows the items held, not the capacity.
class CacheTable {
public:
    struct Item {
        std::uint32_t key = 0;
        std::uint64_t version = 0;
        emu::Time expires = emu::kNever;
    };

    CacheTable(std::size_t capacity, Eviction eviction);

    /// The live item for `key`, counted as an access; null when absent or expired.
    const Item* lookup(std::uint32_t key, emu::Time now);
    /// The item for `key`, expired or not, without counting an access; null when absent.
    const Item* peek(std::uint32_t key) const;
    /// Stores or replaces `key`; returns true when another item was evicted to make room.
    bool store(std::uint32_t key, std::uint64_t version, emu::Time expires);
    /// Removes `key`; returns whether it was held.
    bool erase(std::uint32_t key);
    void clear();

    std::size_t size() const { return m_slotOf.size(); }
    Eviction eviction() const { return m_eviction; }
    std::uint64_t evictions() const { return m_evictions; }
    std::uint64_t expirations() const { return m_expirations; }

private:
    void release(std::uint32_t slot);

    Eviction m_eviction;
    std::size_t m_capacity;
    std::vector<Item> m_items; ///< grows up to the capacity as items arrive
    std::vector<std::uint32_t> m_free;
    std::unordered_map<std::uint32_t, std::uint32_t> m_slotOf;
    std::unique_ptr<EvictionOrder> m_order;
    std::uint64_t m_evictions = 0;
    std::uint64_t m_expirations = 0;
};

} // namespace sb::comp
