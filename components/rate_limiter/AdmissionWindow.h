#pragma once

#include "emulator/Time.h"

#include <cstdint>

namespace sb::comp {

/// A sliding-window counter: at most `limit` requests in any window of `window` length,
/// estimated from the count of the current fixed window and the previous one weighted by
/// how much of it the sliding window still covers (the approximation Cloudflare and Redis
/// limiters use: exact for a steady rate, off by at most the previous window's share at a
/// boundary).
class SlidingWindow {
public:
    SlidingWindow() = default;
    SlidingWindow(double limit, emu::Time window)
        : m_limit(limit)
        , m_window(window) {}

    bool admit(emu::Time now) {
        const emu::Time start = now - now % m_window;
        if (start != m_start) {
            m_previous = start - m_start == m_window ? m_current : 0;
            m_current = 0;
            m_start = start;
        }
        const double covered = 1.0 - static_cast<double>(now - start) / m_window;
        if (m_previous * covered + m_current + 1 > m_limit)
            return false;
        ++m_current;
        return true;
    }
    void setLimit(double limit) { m_limit = limit; }

private:
    double m_limit = 1;
    emu::Time m_window = emu::kSecond;
    emu::Time m_start = 0;
    std::uint64_t m_previous = 0;
    std::uint64_t m_current = 0;
};

} // namespace sb::comp
