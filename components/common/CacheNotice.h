#pragma once

#include "emulator/Request.h"

#include <cstdint>

namespace sb::emu {
class Simulation;
}

namespace sb::comp {

/// A cache-aside caller's note to a cache it links to, for `key` at `version`: a fill after
/// a read from the database (`fill`), else an invalidation (or update) after a write. An
/// internal request from node `origin` at depth 0; the caller sends it over its cache link
/// and releases it when it comes back (see isCacheNotice).
std::uint32_t makeCacheNotice(emu::Simulation& sim, std::uint32_t key, std::uint64_t version,
                              bool fill, std::uint32_t origin);
/// Whether a request that came back to node `self` is one of its own cache notices.
inline bool isCacheNotice(const emu::Request& r, std::uint32_t self) {
    return r.internal && r.origin == self && r.depth == 0;
}

} // namespace sb::comp
