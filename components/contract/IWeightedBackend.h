#pragma once

namespace sb::comp::contract {

/// A server behind a balancer that asks for a share of the traffic in proportion to its
/// weight (weighted round robin, least connections per weight).
class IWeightedBackend {
public:
    virtual ~IWeightedBackend() = default;
    virtual int weight() const = 0;
};

} // namespace sb::comp::contract
