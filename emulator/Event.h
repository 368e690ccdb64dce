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
    /// Sets every field, each with a store of its own: how the event sets write an event
    /// being scheduled, whose fields are in registers. (Copying a whole Event that was just
    /// built field by field loads it in 16-byte halves that span the pending stores, and
    /// such a load waits for them.)
    void set(Time t, std::uint64_t seq, std::uint32_t to, std::uint32_t k, std::uint64_t p) {
        time = t;
        sequence = seq;
        target = to;
        kind = k;
        payload = p;
    }
    bool before(const Event& other) const { return order() < other.order(); }
};

} // namespace sb::emu
