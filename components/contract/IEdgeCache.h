#pragma once

namespace sb::comp::contract {

/// An edge that serves static files near users (a CDN): whether, while it is down or
/// unreachable, static requests may go to the origin path instead.
class IEdgeCache {
public:
    virtual ~IEdgeCache() = default;
    virtual bool fallbackToOrigin() const = 0;
};

} // namespace sb::comp::contract
