#pragma once

#include "components/common/Downstream.h"
#include "components/common/TokenBucket.h"
#include "components/rate_limiter/AdmissionWindow.h"
#include "components/registry/BuildContext.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace sb::comp {

/// The role of a rate limiter: it admits or refuses requests before they reach what it
/// guards. Its own role, so that callers reach it through acceptsFrom.
inline constexpr std::string_view kRateLimiterRole = "rate_limiter";

/// A rate limiter in front of the nodes it links to: a token bucket (rate and burst) or a
/// sliding-window counter, for all traffic together or for each user apart. A request it
/// admits goes on to a healthy node it links to (in turn); one it refuses fails at once
/// with reason "rate_limited" (HTTP 429), counted in the result's failures by reason, its
/// `data` object and a series column. It adds no latency of its own.
class RateLimiter final : public emu::Node {
public:
    RateLimiter(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    std::uint64_t admitted() const { return m_admitted; }
    std::uint64_t limited() const { return m_limited; }

private:
    /// One admission state: a bucket or a window, as the limiter's algorithm says.
    struct Limit {
        TokenBucket bucket;
        SlidingWindow window;
    };
    bool admit(Limit& limit);
    Limit fresh() const;

    bool m_tokenBucket;
    bool m_perUser;
    double m_rate;
    double m_burst;
    emu::Time m_window;
    emu::FailReason m_reason;
    emu::CounterId m_counter;
    Limit m_global;
    std::unordered_map<std::uint64_t, Limit> m_users; ///< by (clients node, user)
    Downstream m_downstream;
    std::uint64_t m_admitted = 0;
    std::uint64_t m_limited = 0;
};

} // namespace sb::comp
