#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sb::comp {

/// The roles of every node of a simulation, by node index (see design/Roles.h), from the
/// descriptors of their kinds: the simulation builder fills it, and a node finds what is
/// at the other end of a link by role, never by kind name. A simulation service.
class NodeRoles {
public:
    void set(std::uint32_t node, const std::vector<std::string_view>& roles);
    /// The node's roles; none for a node the builder did not make.
    const std::vector<std::string_view>& of(std::uint32_t node) const;
    bool has(std::uint32_t node, std::string_view role) const;

private:
    std::vector<std::vector<std::string_view>> m_roles;
};

} // namespace sb::comp
