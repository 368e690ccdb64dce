#pragma once

#include <cstdint>

namespace sb::emu {
class Node;
}

namespace sb::comp::contract {

/// A node that takes the writes of its data (a primary): where writes and reads of that
/// data go now, which may be another node after a failover. Asked of the node at the end
/// of a link by whoever sends it queries (the web tier, workers, a shard router).
class IWriteEndpoint {
public:
    virtual ~IWriteEndpoint() = default;
    /// Where writes go now: the endpoint itself, the copy promoted after a failover, or
    /// null during the failover window.
    virtual emu::Node* currentWriter() = 0;
    /// Where a read goes: a healthy follower (rotating; it may lag), else the current
    /// writer; null when neither is reachable.
    virtual emu::Node* readTarget() = 0;
    /// The version of `key` the current writer holds; 0 when it holds none or there is no
    /// writer now.
    virtual std::uint64_t writerVersion(std::uint32_t key) const = 0;
};

} // namespace sb::comp::contract
