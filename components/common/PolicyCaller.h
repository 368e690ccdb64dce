#pragma once

#include "components/common/CallPolicy.h"
#include "emulator/Kernel.h"
#include "emulator/Node.h"
#include "emulator/Outcomes.h"
#include "emulator/Request.h"

#include <cstdint>
#include <vector>

namespace sb::emu {
class Simulation;
}

namespace sb::comp {

/// How a call ended, handed to the host. `request` is the attempt that answered, or (no
/// answer) a copy of the call's prototype carrying the failure; it is valid during the
/// callback only.
struct CallResult {
    emu::Request& request;
    emu::Time issued; ///< when the call began (its first try)
    int attempts;     ///< attempts sent, hedges included
};

/// What a PolicyCaller needs from the node that owns it: its sends and timers (protected
/// in emu::Node) and where a finished call goes.
class CallHost {
public:
    virtual ~CallHost() = default;
    virtual void sendAttempt(std::uint32_t attempt, std::uint32_t link) = 0;
    /// Sends an attempt of a call started with a target other than the link's own end (a
    /// writer reached after a failover); only a host that starts such calls overrides it.
    virtual void sendAttemptTo(std::uint32_t attempt, std::uint32_t link, std::uint32_t node) {
        (void)node;
        sendAttempt(attempt, link);
    }
    /// Starts a cancellable timer whose firing the host hands to PolicyCaller::onTimer.
    virtual emu::TimerHandle startCallTimer(emu::Time delay, std::uint64_t payload) = 0;
    virtual void cancelCallTimer(emu::TimerHandle& handle) = 0;
    virtual void callFinished(std::uint64_t token, const CallResult& result) = 0;
};

/// Counts of a caller's calls (after the warm-up).
struct CallStats {
    std::uint64_t calls = 0, attempts = 0, retries = 0, hedges = 0;
    std::uint64_t okFirstTry = 0, okAfterRetry = 0, failed = 0;
    std::uint64_t timedOut = 0;       ///< attempts abandoned at their timeout
    std::uint64_t shortCircuited = 0; ///< calls or retries refused by an open breaker
};

/// A node's calls under a CallPolicySpec: each call is one or more attempts (fresh requests
/// copied from the call's prototype) sent over a link; an attempt unanswered at the timeout
/// is abandoned (its work still runs downstream, its answer is dropped) and retried after
/// a backoff while attempts, the retry budget and the breaker allow; a hedge sends a second
/// attempt when the first is slow; the first answer wins. The host keeps the tokens; the
/// caller keeps the calls in flight in its own table, nothing on the requests. A link may
/// have its own policy (setLinkPolicy), with its own retry budget and breaker; the others
/// share the node's.
class PolicyCaller {
public:
    static constexpr std::uint32_t kLinkEnd = UINT32_MAX;

    PolicyCaller(emu::Simulation& sim, CallHost& host, const CallPolicySpec& spec,
                 emu::RandomStream rng);

    /// The node's policy.
    const CallPolicySpec& spec() const { return m_lanes.front().spec; }
    /// Calls over `link` follow `spec` instead of the node's policy, with a retry budget and
    /// a breaker of their own.
    void setLinkPolicy(std::uint32_t link, const CallPolicySpec& spec);
    /// The policy calls over `link` follow.
    const CallPolicySpec& spec(std::uint32_t link) const { return m_lanes[laneOf(link)].spec; }
    /// Whether calls over `link` have an active policy; a host sends the others directly.
    bool governs(std::uint32_t link) const { return spec(link).active(); }
    /// Starts a call towards `link` (and `target`, when not the link's own end, through
    /// CallHost::sendAttemptTo); `prototype` gives the attempts their class, key, user,
    /// origin and component state.
    void call(std::uint64_t token, std::uint32_t link, const emu::Request& prototype,
              std::uint32_t target = kLinkEnd);
    /// A reply came back; true when it was one of this caller's attempts (then it is
    /// handled and released).
    bool onReply(std::uint32_t slot);
    /// A timer started through CallHost::startCallTimer fired.
    void onTimer(std::uint64_t payload);
    /// Ends every call in flight with `reason` (the host failed): their attempts are
    /// abandoned and their answers dropped when they come back.
    void abandonAll(emu::FailReason reason);

    const CallStats& stats() const { return m_stats; }
    /// The node's breaker (the links with a policy of their own have theirs).
    const CircuitBreaker& breaker() const { return m_lanes.front().breaker; }
    /// The worst state of the node's breaker and the links' own: open, then half-open.
    CircuitBreaker::State breakerState() const;
    /// Retries every budget denied.
    std::uint64_t retriesDenied() const;
    /// The caller's gauges (call_attempts, call_retries, amplification, breaker_open, ...;
    /// docs/result-format.md), the same for every caller kind.
    void collectMetrics(emu::MetricList& out) const;

private:
    /// One policy in force with its own budget and breaker: [0] the node's, then the links'.
    struct Lane {
        explicit Lane(const CallPolicySpec& s)
            : spec(s)
            , budget(s.budgetRatio)
            , breaker(s) {}
        CallPolicySpec spec;
        RetryBudget budget;
        CircuitBreaker breaker;
        std::uint64_t opensSeen = 0;
    };

    enum TimerKind : std::uint64_t { AttemptTimeout, RetryDue, HedgeDue };
    static constexpr std::uint64_t kNone = UINT64_MAX;
    struct Call {
        emu::Request prototype;
        std::uint64_t token = 0;
        emu::Time issued = 0;
        std::uint32_t link = 0;
        std::uint32_t target = kLinkEnd;
        std::uint32_t lane = 0;
        std::uint32_t generation = 0;
        int attempts = 0;
        bool retried = false;
        bool inFlight = false;
        std::uint64_t live[2] = {kNone, kNone}; ///< handles of attempts awaiting an answer
        emu::TimerHandle timeout, next;         ///< next: the retry's backoff or the hedge
    };

    void sendAttempt(std::uint32_t call);
    void attemptFailed(std::uint32_t call, emu::FailReason reason);
    void finish(std::uint32_t call, emu::Request* answer, emu::FailReason reason);
    bool anyLive(const Call& c) const { return c.live[0] != kNone || c.live[1] != kNone; }
    std::uint64_t payload(std::uint32_t call, TimerKind kind) const;
    bool counting() const;
    std::uint32_t laneOf(std::uint32_t link) const {
        return link < m_laneOfLink.size() ? m_laneOfLink[link] : 0;
    }

    emu::Simulation& m_sim;
    CallHost& m_host;
    emu::RandomStream m_rng;
    std::vector<Lane> m_lanes;
    std::vector<std::uint32_t> m_laneOfLink; ///< lane by link index; 0 (the node's) beyond it
    emu::FailReason m_circuitOpen;
    emu::CounterId m_attemptsCounter, m_retriesCounter, m_breakerOpensCounter;
    std::vector<Call> m_calls;
    std::vector<std::uint32_t> m_freeCalls;
    std::vector<std::uint32_t> m_callOfSlot; ///< call index + 1 of an attempt's slot; 0 = none
    CallStats m_stats;
};

} // namespace sb::comp
