#pragma once

#include "emulator/RandomStream.h"
#include "emulator/Time.h"

#include <cstdint>

namespace sb::emu {

/// A directed link between two nodes: latency, jitter, loss; can be cut (partition) or
/// slowed (extra latency). Requests go from -> to; replies come back over the same link.
/// Messages (emu::Message) travel it either way and draw from a random stream of their own,
/// so background traffic leaves the requests' delays and losses as they were.
struct Link {
    std::uint32_t from = 0; ///< node index
    std::uint32_t to = 0;
    Time latency = 0;
    Time jitter = 0;
    double loss = 0;
    bool cut = false;
    Time extraLatency = 0;
    RandomStream rng;
    RandomStream messageRng;
    std::uint64_t sent = 0;         ///< requests sent over it
    std::uint64_t failed = 0;       ///< requests it dropped or refused
    std::uint64_t messages = 0;     ///< messages sent over it, either way
    std::uint64_t messagesLost = 0; ///< and those it dropped, or that met it cut
    std::uint32_t lane = 0;         ///< the kernel lane of deliveries over it
    std::uint32_t replyLane = 0;    ///< and of replies coming back

    Time sampleLatency() { return sampleLatency(rng); }
    Time sampleLatency(RandomStream& from) {
        Time t = latency + extraLatency;
        if (jitter > 0)
            t += static_cast<Time>(from.uniform() * static_cast<double>(jitter));
        return t;
    }
};

} // namespace sb::emu
