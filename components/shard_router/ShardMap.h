#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace sb::comp {

/// Which shard owns a key, when the first `active` of the shards are in use: hash mod N,
/// consistent hashing with virtual nodes, or contiguous key ranges over the key space.
class ShardMap {
public:
    enum class Scheme { HashMod, Consistent, Range };

    ShardMap(Scheme scheme, std::size_t shards, int vnodes, std::uint32_t keySpace);

    std::size_t owner(std::uint32_t key, std::size_t active) const;
    /// Fraction of the key space whose owner changes from `from` to `to` active shards.
    double movedFraction(std::size_t from, std::size_t to) const;
    std::uint32_t keySpace() const { return m_keySpace; }
    Scheme scheme() const { return m_scheme; }

private:
    static std::uint64_t hashKey(std::uint32_t key);

    Scheme m_scheme;
    std::size_t m_shards;
    std::uint32_t m_keySpace;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> m_ring; ///< (point, shard), sorted
};

} // namespace sb::comp
