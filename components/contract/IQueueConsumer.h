#pragma once

#include <string>

namespace sb::comp::contract {

/// A node that takes work off a queue linked to it (workers): how much it takes at once
/// and which consumer group it belongs to (under pub-sub every group gets every message).
class IQueueConsumer {
public:
    virtual ~IQueueConsumer() = default;
    /// Messages it can work on at once.
    virtual int concurrency() const = 0;
    virtual const std::string& consumerGroup() const = 0;
};

} // namespace sb::comp::contract
