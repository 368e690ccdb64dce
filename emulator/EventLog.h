#pragma once

#include "emulator/Time.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sb::emu {

/// Something that happened in a run: a failure, a failover, a reshard, an alert.
struct LogEvent {
    Time time = 0;
    std::string kind;   ///< "node_failed", "failover", "scale_out", ...
    std::string node;   ///< node or data centre id, may be empty
    std::string detail; ///< human-readable detail ("moved_fraction=0.8")
    bool operator==(const LogEvent&) const = default;
};

/// The run's event log with bounded memory: keeps the first `capacity` events and counts
/// the rest by kind.
class EventLog {
public:
    explicit EventLog(std::size_t capacity = 20000)
        : m_capacity(capacity) {}
    void add(Time time, std::string kind, std::string node, std::string detail = {});
    const std::vector<LogEvent>& events() const { return m_events; }
    std::uint64_t dropped() const { return m_dropped; }
    const std::map<std::string, std::uint64_t>& countsByKind() const { return m_counts; }
    std::uint64_t count(const std::string& kind) const;

private:
    std::size_t m_capacity;
    std::vector<LogEvent> m_events;
    std::map<std::string, std::uint64_t> m_counts;
    std::uint64_t m_dropped = 0;
};

} // namespace sb::emu
