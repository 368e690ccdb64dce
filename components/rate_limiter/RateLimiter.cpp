#include "components/rate_limiter/RateLimiter.h"

#include "emulator/Simulation.h"

namespace sb::comp {

RateLimiter::RateLimiter(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_tokenBucket(c.props.text("algorithm") != "sliding_window")
    , m_perUser(c.props.text("scope") == "per_user")
    , m_rate(c.props.number("rate_rps"))
    , m_burst(static_cast<double>(c.props.integer("burst")))
    , m_window(emu::fromSeconds(c.props.number("window_s")))
    , m_reason(sim.outcomes().failReason("rate_limited"))
    , m_counter(sim.outcomes().counter("rate_limited", emu::Outcomes::Column::RunningTotal))
    , m_global(fresh()) {}

RateLimiter::Limit RateLimiter::fresh() const {
    return {TokenBucket(m_rate, m_burst),
            SlidingWindow(m_rate * emu::toSeconds(m_window), m_window)};
}

void RateLimiter::start() {
    m_downstream.classify(m_sim, *this);
}

bool RateLimiter::admit(Limit& limit) {
    return m_tokenBucket ? limit.bucket.admit(now()) : limit.window.admit(now());
}

void RateLimiter::onRequest(std::uint32_t slot, std::uint32_t) {
    // A user is one of its population's: user 7 of two populations are two users.
    const emu::Request& r = request(slot);
    const std::uint64_t user = (static_cast<std::uint64_t>(r.origin) << 32) | r.user;
    Limit& limit = m_perUser ? m_users.try_emplace(user, fresh()).first->second : m_global;
    if (!admit(limit)) {
        ++m_limited;
        ++m_sim.outcomes()[m_counter];
        failRequest(slot, m_reason);
        return;
    }
    const std::optional<Route> to = m_downstream.pickHealthy(m_sim, outLinks());
    if (!to) {
        failRequest(slot, emu::FailReason::NoRoute);
        return;
    }
    ++m_admitted;
    send(slot, to->link);
}

void RateLimiter::onReply(std::uint32_t slot) {
    if (!request(slot).failed())
        ++counters().completed;
    reply(slot);
}

bool RateLimiter::applyProperty(const std::string& name, double value) {
    if (name != "rate_rps" || value <= 0)
        return false;
    m_rate = value;
    const auto retune = [&](Limit& l) {
        l.bucket.setRate(value, now());
        l.window.setLimit(value * emu::toSeconds(m_window));
    };
    retune(m_global);
    for (auto& entry : m_users)
        retune(entry.second);
    return true;
}

void RateLimiter::collectMetrics(emu::MetricList& out) const {
    if (m_perUser)
        out.emplace_back("tracked_users", static_cast<double>(m_users.size()));
    else if (m_tokenBucket)
        out.emplace_back("tokens", m_global.bucket.level(now()));
}

} // namespace sb::comp
