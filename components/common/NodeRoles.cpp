#include "components/common/NodeRoles.h"

#include <algorithm>

namespace sb::comp {

void NodeRoles::set(std::uint32_t node, const std::vector<std::string_view>& roles) {
    if (node >= m_roles.size())
        m_roles.resize(static_cast<std::size_t>(node) + 1);
    m_roles[node] = roles;
}

const std::vector<std::string_view>& NodeRoles::of(std::uint32_t node) const {
    static const std::vector<std::string_view> none;
    return node < m_roles.size() ? m_roles[node] : none;
}

bool NodeRoles::has(std::uint32_t node, std::string_view role) const {
    const auto& roles = of(node);
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

} // namespace sb::comp
