#pragma once

namespace sb::comp::contract {

/// A node that can be up and still unable to serve (a balancer with no healthy server
/// behind it): what it answers to a health check. A node without this interface is
/// healthy whenever it is up and reachable.
class IHealthReporter {
public:
    virtual ~IHealthReporter() = default;
    virtual bool reportsHealthy() const = 0;
};

} // namespace sb::comp::contract
