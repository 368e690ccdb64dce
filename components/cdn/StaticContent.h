#pragma once

#include <cstdint>
#include <vector>

namespace sb::comp {

/// The truth of static assets: the version of every object the origin serves now. A CDN
/// edge holding an older version holds a stale object.
class StaticContent {
public:
    std::uint64_t latest(std::uint32_t key) const {
        return key < m_versions.size() ? m_versions[key] : 0;
    }
    /// Publishes a new version of `key` at the origin and returns it.
    std::uint64_t publish(std::uint32_t key) {
        if (key >= m_versions.size())
            m_versions.resize(static_cast<std::size_t>(key) + 1 + m_versions.size() / 2, 0);
        return ++m_versions[key];
    }

private:
    std::vector<std::uint32_t> m_versions;
};

} // namespace sb::comp
