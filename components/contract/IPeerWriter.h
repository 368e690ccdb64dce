#pragma once

namespace sb::comp {
class DatabaseNode;
}

namespace sb::comp::contract {

/// A writer that replicates with peer writers (multi-primary, circular replication): what
/// a peer at the other end of a link needs of it.
class IPeerWriter {
public:
    virtual ~IPeerWriter() = default;
    /// Whether it takes writes now (it is serving and its current writer is up).
    virtual bool servingWrites() const = 0;
    /// The copy that holds its data and takes its writes now.
    virtual DatabaseNode& writerCopy() const = 0;
};

} // namespace sb::comp::contract
