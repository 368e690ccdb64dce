#pragma once

#include "design/PropertySpec.h"
#include "design/PropertyValues.h"
#include "emulator/RandomStream.h"
#include "emulator/Time.h"

#include <array>
#include <cstdint>

namespace sb::comp {

/// How a retry's backoff is randomised (see Backoff).
enum class Jitter : std::uint8_t { None, Full, Equal };

/// What a caller does with one call towards a target: the `call_policy` group of a caller
/// kind's descriptor (callPolicyProperty), read once when the node is built. The default
/// value is the inactive policy: one attempt, no timeout, no breaker, no hedge.
struct CallPolicySpec {
    emu::Time timeout = emu::kNever; ///< per attempt; kNever: wait for the answer
    int maxAttempts = 1;             ///< the first try included
    emu::Time backoffBase = 50 * emu::kMillisecond;
    emu::Time backoffCap = 2 * emu::kSecond;
    Jitter jitter = Jitter::Full;
    bool budget = false;      ///< retries limited by budgetRatio
    double budgetRatio = 0.1; ///< retries at most this fraction of first tries
    bool breaker = false;
    double breakerThreshold = 0.5; ///< failure rate over the window that opens it
    emu::Time breakerWindow = 10 * emu::kSecond;
    int breakerMinCalls = 20;                 ///< calls in the window before the rate counts
    emu::Time breakerOpen = 5 * emu::kSecond; ///< time open before probing
    int breakerProbes = 3;                    ///< successful probes (half-open) that close it
    emu::Time hedgeAfter = emu::kNever;       ///< a second attempt when no answer by then

    bool retries() const { return maxAttempts > 1; }
    bool hedges() const { return hedgeAfter != emu::kNever; }
    /// Whether the policy changes anything: a caller with an inactive policy pays nothing.
    bool active() const { return timeout != emu::kNever || retries() || breaker || hedges(); }

    /// Reads the `call_policy` group of a node's properties.
    static CallPolicySpec fromProperties(const design::PropertyValues& props);
    /// A link's own policy: the fields the link's `call_policy` sets, the node's for the
    /// others (the node's own values, else the defaults).
    static CallPolicySpec forLink(const nlohmann::json& nodeProps, const nlohmann::json& linkProps);
};

/// The `call_policy` group every caller kind (clients, web servers, services, gateways)
/// puts in its descriptor, so the inspector, validation and the format docs show it.
design::PropertySpec callPolicyProperty();
/// The same group for a caller kind's outLinkProperties: one link's own policy.
design::PropertySpec linkCallPolicyProperty();
/// Whether a link's props carry a policy of its own.
bool hasLinkPolicy(const nlohmann::json& linkProps);

/// Capped exponential backoff: retry n (1 = the first retry) waits up to
/// min(cap, base * 2^(n-1)); full jitter draws uniformly from [0, that], equal jitter from
/// [half of it, all of it], no jitter waits all of it.
class Backoff {
public:
    static emu::Time delay(const CallPolicySpec& spec, int retry, emu::RandomStream& rng);
};

/// Retries at most a fraction of first tries: each first try deposits `ratio` tokens (up to
/// `cap`), each retry takes one whole token or is denied. Over a long run retries stay at or
/// under ratio x first tries.
class RetryBudget {
public:
    explicit RetryBudget(double ratio, double cap = 10);
    void onFirstTry();
    /// Takes a token for a retry; false when the budget is spent (the call gives up).
    bool tryRetry();
    double balance() const { return m_balance; }
    std::uint64_t denied() const { return m_denied; }

private:
    double m_ratio;
    double m_cap;
    double m_balance = 0;
    std::uint64_t m_denied = 0;
};

/// A circuit breaker: closed, it counts outcomes over a sliding window (ten buckets) and
/// opens when at least `minCalls` calls failed at `threshold` or more; open, it refuses
/// calls for the open interval; then half-open, it lets `probes` calls through, closes when
/// they all succeed and opens again on the first failure.
class CircuitBreaker {
public:
    enum class State : std::uint8_t { Closed, Open, HalfOpen };
    explicit CircuitBreaker(const CallPolicySpec& spec);

    /// Whether a call may go now (an open breaker past its interval turns half-open).
    bool allow(emu::Time now);
    /// The outcome of a call that allow() let through.
    void record(bool ok, emu::Time now);

    State state() const { return m_state; }
    std::uint64_t opens() const { return m_opens; }
    std::uint64_t closes() const { return m_closes; }
    /// Every change of state so far (closed to open, open to half-open, ...).
    std::uint64_t changes() const { return m_changes; }
    std::uint64_t refused() const { return m_refused; }

private:
    static constexpr int kBuckets = 10;
    struct Bucket {
        std::int64_t index = -1; ///< which window slice it counts
        std::uint32_t ok = 0, failed = 0;
    };
    void enter(State s, emu::Time now);
    Bucket& bucketAt(emu::Time now);

    double m_threshold;
    emu::Time m_slice;
    int m_minCalls;
    emu::Time m_openFor;
    int m_probes;
    State m_state = State::Closed;
    emu::Time m_openedAt = 0;
    int m_probesSent = 0, m_probesOk = 0;
    std::array<Bucket, kBuckets> m_buckets{};
    std::uint64_t m_opens = 0, m_closes = 0, m_changes = 0, m_refused = 0;
};

std::string_view toString(CircuitBreaker::State s);

} // namespace sb::comp
