#pragma once

#include "emulator/Time.h"

#include <cstdint>

namespace sb::emu {

/// A scheduled event: a small value (32 bytes), no allocation. `target` indexes the
/// kernel's entity table; `kind` and `payload` mean what the target says they mean.
struct Event {
    Time time = 0;
    std::uint64_t sequence = 0; ///< insertion order, breaks ties deterministically
    std::uint32_t target = 0;
    std::uint32_t kind = 0;
    std::uint64_t payload = 0;

    bool before(const Event& other) const {
        return time < other.time || (time == other.time && sequence < other.sequence);
    }
};

} // namespace sb::emu
