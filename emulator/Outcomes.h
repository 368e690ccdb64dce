#pragma once

#include "emulator/Request.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb::emu {

/// How many failure reasons a simulation can tell apart: the engine's own and those the
/// component layer registers. Counts by reason are fixed arrays of this size.
inline constexpr int kMaxFailReasons = 32;
using FailureCounts = std::array<std::uint64_t, kMaxFailReasons>;

/// A named counter of a simulation (see Outcomes::counter).
struct CounterId {
    std::uint32_t index = 0;
};

/// The vocabulary of a run's results that the engine does not define itself. The engine
/// names its own failure reasons (FailReason::Overloaded ... NoRoute); the component layer
/// registers the rest, and the named counters the result's `data` object reports, while it
/// builds the simulation. Registering a name twice returns the first code, so every kind
/// that fails a request for the same reason can register it; codes follow the order of
/// first registration.
class Outcomes {
public:
    Outcomes();

    /// The failure reason called `name` (e.g. "session_lost"), registered on first use.
    /// Throws std::length_error past kMaxFailReasons.
    FailReason failReason(std::string_view name);
    std::string_view name(FailReason reason) const;
    /// Reasons registered so far, None included; codes run from 0 to this count.
    int failReasonCount() const { return static_cast<int>(m_reasons.size()); }
    const std::vector<std::string>& failReasonNames() const { return m_reasons; }

    /// Whether a counter is also a system column of the series (its running total).
    enum class Column : std::uint8_t { None, RunningTotal };
    /// The counter called `name`, registered on first use with its value at 0. A counter
    /// with a column must be registered before the simulation starts (its column comes
    /// after the engine's own, in the order of registration).
    CounterId counter(std::string_view name, Column column = Column::None);
    std::uint64_t& operator[](CounterId id) { return m_values[id.index]; }
    std::uint64_t operator[](CounterId id) const { return m_values[id.index]; }
    /// The value of the counter called `name`, or 0 when none is registered.
    std::uint64_t value(std::string_view name) const;

    struct Counter {
        std::string name;
        Column column = Column::None;
    };
    const std::vector<Counter>& counters() const { return m_counters; }
    const std::vector<std::uint64_t>& values() const { return m_values; }

private:
    std::vector<std::string> m_reasons;
    std::vector<Counter> m_counters;
    std::vector<std::uint64_t> m_values;
};

} // namespace sb::emu
