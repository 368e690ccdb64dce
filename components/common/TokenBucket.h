#pragma once

#include "emulator/Time.h"

namespace sb::comp {

/// A token bucket: holds up to `burst` tokens, refilled at `rate` per second; a request
/// takes one token or is refused. Over a long run it admits `rate` per second, and never
/// more than `burst` at one instant. Refilled lazily, from the time since the last call.
/// The rate limiter's token_bucket algorithm and the API gateway's rate limit.
class TokenBucket {
public:
    TokenBucket() = default;
    TokenBucket(double rate, double burst);

    bool admit(emu::Time now);
    /// Tokens held at `now` (without taking one).
    double level(emu::Time now) const;
    void setRate(double rate, emu::Time now);

private:
    double m_rate = 0;
    double m_burst = 1;
    double m_tokens = 1;
    emu::Time m_last = 0;
};

} // namespace sb::comp
