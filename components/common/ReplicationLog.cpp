#include "components/common/ReplicationLog.h"

namespace sb::comp {

std::uint64_t ReplicationLog::append(const LogEntry& entry) {
    m_entries.push_back(entry);
    return head();
}

void ReplicationLog::trimThrough(std::uint64_t index) {
    while (!m_entries.empty() && m_first <= index) {
        m_entries.pop_front();
        ++m_first;
    }
    if (m_entries.empty() && m_first <= index)
        m_first = index + 1;
}

std::vector<LogEntry> ReplicationLog::truncateAfter(std::uint64_t index) {
    std::vector<LogEntry> removed;
    while (!m_entries.empty() && head() > index) {
        removed.push_back(m_entries.back());
        m_entries.pop_back();
    }
    return {removed.rbegin(), removed.rend()};
}

} // namespace sb::comp
