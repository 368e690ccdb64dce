#pragma once

#include <cstdint>

namespace sb::comp {
class ReplicationGroup;
}

namespace sb::comp::contract {

/// A node that can hold a copy of a writer's data and follow it (a read replica): a writer
/// asks the nodes at the end of its links for this to find its followers.
class IReplicationFollower {
public:
    virtual ~IReplicationFollower() = default;
    /// Joins `group` as a follower reached over `link` (the writer's link to it); false when
    /// it follows another writer already.
    virtual bool joinReplication(ReplicationGroup& group, std::uint32_t link) = 0;
};

} // namespace sb::comp::contract
