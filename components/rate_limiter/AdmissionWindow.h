#pragma once

#include "emulator/Time.h"

#include <cstdint>

namespace sb::comp {

/// A token bucket: holds up to `burst` tokens, refilled at `rate` per second; a request
/// takes one token or is refused. Over a long run it admits `rate` per second, and never
/// more than `burst` at one instant. Refilled lazily, from the time since the last call.
class TokenBucket {
public:
    TokenBucket() = default;
    TokenBucket(double rate, double burst)
        : m_rate(rate)
        , m_burst(burst)
        , m_tokens(burst) {}

    bool admit(emu::Time now) {
        m_tokens = level(now);
        m_last = now;
        if (m_tokens < 1.0)
            return false;
        m_tokens -= 1.0;
        return true;
    }
    /// Tokens held at `now` (without taking one).
    double level(emu::Time now) const {
        const double refill = m_rate * emu::toSeconds(now - m_last);
        return m_tokens + refill < m_burst ? m_tokens + refill : m_burst;
    }
    void setRate(double rate, emu::Time now) {
        m_tokens = level(now);
        m_last = now;
        m_rate = rate;
    }

private:
    double m_rate = 0;
    double m_burst = 1;
    double m_tokens = 1;
    emu::Time m_last = 0;
};

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
