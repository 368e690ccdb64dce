#pragma once

#include "emulator/Time.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace sb::comp {

/// One committed write as the replication stream carries it.
struct LogEntry {
    std::uint32_t key = 0;
    std::uint64_t version = 0;     ///< the version written
    std::uint64_t baseVersion = 0; ///< what the writer held before (detects concurrent writes)
    emu::Time committed = 0;
    bool acknowledged = false; ///< the client was told the write succeeded
};

/// The writer's log of committed writes, numbered from 1, that followers apply in order.
/// Entries every follower has applied are trimmed, so memory follows the slowest follower.
class ReplicationLog {
public:
    std::uint64_t append(const LogEntry& entry);
    /// Index of the newest entry; 0 when nothing was ever written.
    std::uint64_t head() const { return m_first + m_entries.size() - 1; }
    bool contains(std::uint64_t index) const { return index >= m_first && index <= head(); }
    LogEntry& at(std::uint64_t index) { return m_entries[index - m_first]; }
    const LogEntry& at(std::uint64_t index) const { return m_entries[index - m_first]; }
    /// Forgets entries up to and including `index`.
    void trimThrough(std::uint64_t index);
    /// Removes and returns the entries after `index` (what a promoted follower never got).
    std::vector<LogEntry> truncateAfter(std::uint64_t index);
    std::size_t size() const { return m_entries.size(); }

private:
    std::deque<LogEntry> m_entries;
    std::uint64_t m_first = 1;
};

} // namespace sb::comp
