#pragma once

#include "emulator/Time.h"

#include <cstdint>

namespace sb::comp {

/// Hits over lookups since the warm-up ended (since time 0 while it has not).
class HitCounter {
public:
    void record(bool hit, emu::Time now, emu::Time warmupEnd) {
        if (!m_measuring && now >= warmupEnd && warmupEnd > 0) {
            m_measuring = true;
            m_hits = m_lookups = 0;
        }
        ++m_lookups;
        if (hit)
            ++m_hits;
    }
    double rate() const { return m_lookups ? static_cast<double>(m_hits) / m_lookups : 0.0; }
    std::uint64_t lookups() const { return m_lookups; }
    std::uint64_t hits() const { return m_hits; }

private:
    bool m_measuring = false;
    std::uint64_t m_hits = 0;
    std::uint64_t m_lookups = 0;
};

} // namespace sb::comp
