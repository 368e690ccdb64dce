#include "components/common/CallPolicy.h"

#include "design/LinkProperties.h"
#include "design/PropertyBuilders.h"

#include <algorithm>
#include <cmath>

namespace sb::comp {

using namespace sb::design::builders;

namespace {
constexpr const char* kPolicyGroup = "call_policy";

emu::Time millisOrNever(double ms) {
    return ms > 0 ? emu::fromMillis(ms) : emu::kNever;
}
} // namespace

design::PropertySpec callPolicyProperty() {
    return groupProperty(
        kPolicyGroup,
        {numberProperty("timeout_ms", 0, 0, 600000, "ms",
                        "An attempt unanswered after this is abandoned (its work still runs "
                        "downstream); 0 waits for the answer"),
         integerProperty("max_attempts", 1, 1, 20, "attempts",
                         "Attempts per call, the first try included; 1 never retries"),
         numberProperty("backoff_base_ms", 50, 0, 600000, "ms",
                        "Backoff before the first retry; it doubles with every retry"),
         numberProperty("backoff_cap_ms", 2000, 0, 600000, "ms", "Longest backoff"),
         choiceProperty("jitter", {"full", "equal", "none"},
                        "Full: a backoff drawn from 0 to the delay; equal: from half the delay "
                        "to all of it; none: the delay itself (retries come in waves)"),
         booleanProperty("retry_budget", false, "Limit retries to a fraction of first tries"),
         numberProperty("budget_ratio", 0.1, 0, 10, "fraction",
                        "With a retry budget: retries at most this fraction of first tries"),
         booleanProperty("breaker", false,
                         "A circuit breaker: stop calling a target that keeps failing"),
         numberProperty("breaker_threshold", 0.5, 0.01, 1, "fraction",
                        "Failure rate over the window that opens the breaker"),
         numberProperty("breaker_window_s", 10, 0.1, 3600, "s",
                        "Window over which the failure rate is measured"),
         integerProperty("breaker_min_calls", 20, 1, 1000000, "calls",
                         "Calls in the window before the failure rate counts"),
         numberProperty("breaker_open_s", 5, 0.01, 3600, "s",
                        "Time the breaker stays open before it lets probes through"),
         integerProperty("breaker_probes", 3, 1, 1000, "calls",
                         "Successful probe calls (half-open) that close the breaker"),
         numberProperty("hedge_ms", 0, 0, 600000, "ms",
                        "Send a second attempt when the first has no answer after this; 0 "
                        "never hedges")},
        "Timeouts, retries, a retry budget, a circuit breaker and hedging for this node's "
        "calls downstream");
}

CallPolicySpec CallPolicySpec::fromProperties(const design::PropertyValues& p) {
    CallPolicySpec s;
    s.timeout = millisOrNever(p.number(kPolicyGroup, "timeout_ms"));
    s.maxAttempts = static_cast<int>(p.integer(kPolicyGroup, "max_attempts"));
    s.backoffBase = emu::fromMillis(p.number(kPolicyGroup, "backoff_base_ms"));
    s.backoffCap = emu::fromMillis(p.number(kPolicyGroup, "backoff_cap_ms"));
    const std::string j = p.value(kPolicyGroup).at("jitter").get<std::string>();
    s.jitter = j == "none" ? Jitter::None : j == "equal" ? Jitter::Equal : Jitter::Full;
    s.budget = p.boolean(kPolicyGroup, "retry_budget");
    s.budgetRatio = p.number(kPolicyGroup, "budget_ratio");
    s.breaker = p.boolean(kPolicyGroup, "breaker");
    s.breakerThreshold = p.number(kPolicyGroup, "breaker_threshold");
    s.breakerWindow = emu::fromSeconds(p.number(kPolicyGroup, "breaker_window_s"));
    s.breakerMinCalls = static_cast<int>(p.integer(kPolicyGroup, "breaker_min_calls"));
    s.breakerOpen = emu::fromSeconds(p.number(kPolicyGroup, "breaker_open_s"));
    s.breakerProbes = static_cast<int>(p.integer(kPolicyGroup, "breaker_probes"));
    s.hedgeAfter = millisOrNever(p.number(kPolicyGroup, "hedge_ms"));
    return s;
}

design::PropertySpec linkCallPolicyProperty() {
    design::PropertySpec group = callPolicyProperty();
    group.help = "This link's own call policy: the fields set here replace the node's "
                 "call_policy for the calls over this link, which get a retry budget and a "
                 "breaker of their own";
    return group;
}

bool hasLinkPolicy(const nlohmann::json& linkProps) {
    return linkProps.is_object() && linkProps.contains(kPolicyGroup);
}

CallPolicySpec CallPolicySpec::forLink(const nlohmann::json& nodeProps,
                                       const nlohmann::json& linkProps) {
    static const std::vector<design::PropertySpec> specs{callPolicyProperty()};
    const nlohmann::json merged = design::overriddenGroup(nodeProps, linkProps, kPolicyGroup);
    return fromProperties(design::PropertyValues(specs, kPolicyGroup, merged));
}

emu::Time Backoff::delay(const CallPolicySpec& spec, int retry, emu::RandomStream& rng) {
    const double doubled =
        static_cast<double>(spec.backoffBase) * std::ldexp(1.0, std::clamp(retry - 1, 0, 62));
    const double d = std::min(static_cast<double>(spec.backoffCap), doubled);
    switch (spec.jitter) {
    case Jitter::None:
        return static_cast<emu::Time>(d);
    case Jitter::Full:
        return static_cast<emu::Time>(rng.uniform(0, d));
    case Jitter::Equal:
        return static_cast<emu::Time>(rng.uniform(d / 2, d));
    }
    return static_cast<emu::Time>(d);
}

RetryBudget::RetryBudget(double ratio, double cap)
    : m_ratio(ratio)
    , m_cap(cap) {}

void RetryBudget::onFirstTry() {
    m_balance = std::min(m_cap, m_balance + m_ratio);
}

bool RetryBudget::tryRetry() {
    if (m_balance < 1) {
        ++m_denied;
        return false;
    }
    m_balance -= 1;
    return true;
}

CircuitBreaker::CircuitBreaker(const CallPolicySpec& spec)
    : m_threshold(spec.breakerThreshold)
    , m_slice(std::max<emu::Time>(1, spec.breakerWindow / kBuckets))
    , m_minCalls(spec.breakerMinCalls)
    , m_openFor(spec.breakerOpen)
    , m_probes(spec.breakerProbes) {}

void CircuitBreaker::enter(State s, emu::Time now) {
    m_state = s;
    ++m_changes;
    if (s == State::Open) {
        ++m_opens;
        m_openedAt = now;
    } else if (s == State::Closed) {
        ++m_closes;
        m_buckets.fill({});
    }
    m_probesSent = 0;
    m_probesOk = 0;
}

CircuitBreaker::Bucket& CircuitBreaker::bucketAt(emu::Time now) {
    const std::int64_t index = now / m_slice;
    Bucket& b = m_buckets[static_cast<std::size_t>(index % kBuckets)];
    if (b.index != index)
        b = {index, 0, 0};
    return b;
}

bool CircuitBreaker::allow(emu::Time now) {
    if (m_state == State::Open && now - m_openedAt >= m_openFor)
        enter(State::HalfOpen, now);
    if (m_state == State::Closed)
        return true;
    if (m_state == State::HalfOpen && m_probesSent < m_probes) {
        ++m_probesSent;
        return true;
    }
    ++m_refused;
    return false;
}

void CircuitBreaker::record(bool ok, emu::Time now) {
    if (m_state == State::HalfOpen) {
        if (!ok)
            enter(State::Open, now);
        else if (++m_probesOk >= m_probes)
            enter(State::Closed, now);
        return;
    }
    if (m_state == State::Open)
        return; // an answer to a call sent before it opened
    Bucket& b = bucketAt(now);
    (ok ? b.ok : b.failed) += 1;
    const std::int64_t current = now / m_slice;
    std::uint64_t calls = 0, failed = 0;
    for (const Bucket& k : m_buckets)
        if (k.index > current - kBuckets) {
            calls += k.ok + k.failed;
            failed += k.failed;
        }
    if (calls >= static_cast<std::uint64_t>(m_minCalls) &&
        static_cast<double>(failed) >= m_threshold * static_cast<double>(calls))
        enter(State::Open, now);
}

std::string_view toString(CircuitBreaker::State s) {
    switch (s) {
    case CircuitBreaker::State::Closed:
        return "closed";
    case CircuitBreaker::State::Open:
        return "open";
    case CircuitBreaker::State::HalfOpen:
        return "half_open";
    }
    return "closed";
}

} // namespace sb::comp
