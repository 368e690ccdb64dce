#pragma once

#include "design/Design.h"

#include <string>
#include <unordered_map>

namespace sb::comp {

/// Deterministic addresses to show on the canvas: the n-th load balancer of the design
/// (in design order) answers on the public address 203.0.113.(10+n) and the servers it
/// links to get private addresses in 10.n.0.0/16: 10.n.0.10, 10.n.0.11, ... in the order
/// of its links.
class AddressPlan {
public:
    explicit AddressPlan(const design::Design& design);

    /// The public address of a load balancer, or "" for any other node.
    std::string publicAddress(const std::string& balancerId) const;
    /// The private address of a server behind a balancer, or "" when not linked from it.
    std::string privateAddress(const std::string& balancerId, const std::string& serverId) const;

private:
    std::unordered_map<std::string, int> m_balancer;
    std::unordered_map<std::string, int> m_server; ///< "balancer->server" -> position
};

} // namespace sb::comp
