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

    /// Time, then sequence, as one 128-bit number: one compare without branches (times are
    /// never negative, so they order as unsigned).
    using Order = unsigned __int128;
    static Order orderOf(Time time, std::uint64_t sequence) {
        return static_cast<Order>(static_cast<std::uint64_t>(time)) << 64 | sequence;
    }
    Order order() const { return orderOf(time, sequence); }
    bool before(const Event& other) const { return order() < other.order(); }
};

} // namespace sb::emu
