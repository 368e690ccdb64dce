#include "components/shard_router/ShardMap.h"

#include "emulator/RandomStream.h"

#include <algorithm>
#include <string>

namespace sb::comp {

ShardMap::ShardMap(Scheme scheme, std::size_t shards, int vnodes, std::uint32_t keySpace)
    : m_scheme(scheme)
    , m_shards(std::max<std::size_t>(shards, 1))
    , m_keySpace(std::max<std::uint32_t>(keySpace, 1)) {
    if (scheme != Scheme::Consistent)
        return;
    for (std::size_t s = 0; s < m_shards; ++s)
        for (int v = 0; v < vnodes; ++v) {
            // FNV alone leaves similar names close on the ring; splitmix spreads them.
            std::uint64_t name =
                emu::RandomStream::hashName("shard-" + std::to_string(s) + "#" + std::to_string(v));
            m_ring.emplace_back(emu::RandomStream::splitmix(name), static_cast<std::uint32_t>(s));
        }
    std::sort(m_ring.begin(), m_ring.end());
}

std::uint64_t ShardMap::hashKey(std::uint32_t key) {
    std::uint64_t state = key;
    return emu::RandomStream::splitmix(state);
}

std::size_t ShardMap::owner(std::uint32_t key, std::size_t active) const {
    active = std::clamp<std::size_t>(active, 1, m_shards);
    switch (m_scheme) {
    case Scheme::HashMod:
        return hashKey(key) % active;
    case Scheme::Range:
        return std::min<std::size_t>(active - 1,
                                     static_cast<std::size_t>(key) * active / m_keySpace);
    case Scheme::Consistent: {
        // The first point clockwise from the key's hash that belongs to an active shard.
        const std::uint64_t h = hashKey(key);
        auto it = std::upper_bound(m_ring.begin(), m_ring.end(), std::make_pair(h, UINT32_MAX));
        for (std::size_t step = 0; step < m_ring.size(); ++step, ++it) {
            if (it == m_ring.end())
                it = m_ring.begin();
            if (it->second < active)
                return it->second;
        }
        return 0;
    }
    }
    return 0;
}

double ShardMap::movedFraction(std::size_t from, std::size_t to) const {
    std::uint64_t moved = 0;
    for (std::uint32_t k = 0; k < m_keySpace; ++k)
        if (owner(k, from) != owner(k, to))
            ++moved;
    return static_cast<double>(moved) / m_keySpace;
}

} // namespace sb::comp
