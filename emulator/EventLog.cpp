#include "emulator/EventLog.h"

namespace sb::emu {

void EventLog::add(Time time, std::string kind, std::string node, std::string detail) {
    ++m_counts[kind];
    if (m_events.size() >= m_capacity) {
        ++m_dropped;
        return;
    }
    m_events.push_back({time, std::move(kind), std::move(node), std::move(detail)});
}

std::uint64_t EventLog::count(const std::string& kind) const {
    auto it = m_counts.find(kind);
    return it == m_counts.end() ? 0 : it->second;
}

} // namespace sb::emu
