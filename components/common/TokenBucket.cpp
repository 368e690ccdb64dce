#include "components/common/TokenBucket.h"

namespace sb::comp {

TokenBucket::TokenBucket(double rate, double burst)
    : m_rate(rate)
    , m_burst(burst)
    , m_tokens(burst) {}

bool TokenBucket::admit(emu::Time now) {
    m_tokens = level(now);
    m_last = now;
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

double TokenBucket::level(emu::Time now) const {
    const double refill = m_rate * emu::toSeconds(now - m_last);
    return m_tokens + refill < m_burst ? m_tokens + refill : m_burst;
}

void TokenBucket::setRate(double rate, emu::Time now) {
    m_tokens = level(now);
    m_last = now;
    m_rate = rate;
}

} // namespace sb::comp
