#pragma once

#include <cstdint>

namespace sb::comp {

/// What the members of a replication group send each other over their links (the tags of
/// emu::Message). The writer streams each committed entry; a follower that finds a gap
/// fetches from the position after the last entry it holds and the writer answers with the
/// range it has; followers acknowledge what they applied when the mode waits for it.
enum ReplicationTag : std::uint32_t {
    kStreamEntry = 0x5201, ///< writer -> follower: entry `from` was committed
    kFetch,                ///< follower -> writer: send me the log from `from`
    kBatch,                ///< writer -> follower: entries `from`..`to` (none when to < from)
    kApplied,              ///< follower -> writer: applied everything through `to`
    kPeerWrite,            ///< primary -> peer primary: a write to replicate
    kPeerAck,              ///< peer primary -> primary: received everything through a sequence
};

/// The body of the log messages: a range of log positions in the writer's term (a term
/// starts with each new writer, so a message from a former writer is recognised).
struct ReplicationMessage {
    std::uint64_t from = 0;
    std::uint64_t to = 0;
    std::uint32_t term = 0;
};

} // namespace sb::comp
