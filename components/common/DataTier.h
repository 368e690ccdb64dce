#pragma once

#include "emulator/Node.h"

namespace sb::comp {

/// Implemented by db_primary: where writes go now — the primary itself, the replica
/// promoted after a failover, or nobody during the failover window.
class PrimaryEndpoint {
public:
    virtual ~PrimaryEndpoint() = default;
    virtual emu::Node* currentPrimary() = 0;
};

} // namespace sb::comp
