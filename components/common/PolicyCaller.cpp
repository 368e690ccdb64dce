#include "components/common/PolicyCaller.h"

#include "emulator/Simulation.h"

#include <cstring>

namespace sb::comp {

PolicyCaller::PolicyCaller(emu::Simulation& sim, CallHost& host, const CallPolicySpec& spec,
                           emu::RandomStream rng)
    : m_sim(sim)
    , m_host(host)
    , m_rng(rng)
    , m_lanes{Lane(spec)}
    , m_circuitOpen(sim.outcomes().failReason("circuit_open"))
    , m_attemptsCounter(
          sim.outcomes().counter("call_attempts", emu::Outcomes::Column::RunningTotal))
    , m_retriesCounter(sim.outcomes().counter("call_retries", emu::Outcomes::Column::RunningTotal))
    , m_breakerOpensCounter(sim.outcomes().counter("breaker_opens")) {}

void PolicyCaller::setLinkPolicy(std::uint32_t link, const CallPolicySpec& spec) {
    if (link >= m_laneOfLink.size())
        m_laneOfLink.resize(link + 1, 0);
    m_laneOfLink[link] = static_cast<std::uint32_t>(m_lanes.size());
    m_lanes.emplace_back(spec);
}

CircuitBreaker::State PolicyCaller::breakerState() const {
    CircuitBreaker::State worst = CircuitBreaker::State::Closed;
    for (const Lane& lane : m_lanes)
        if (lane.breaker.state() == CircuitBreaker::State::Open)
            return CircuitBreaker::State::Open;
        else if (lane.breaker.state() == CircuitBreaker::State::HalfOpen)
            worst = CircuitBreaker::State::HalfOpen;
    return worst;
}

std::uint64_t PolicyCaller::retriesDenied() const {
    std::uint64_t denied = 0;
    for (const Lane& lane : m_lanes)
        denied += lane.budget.denied();
    return denied;
}

void PolicyCaller::collectMetrics(emu::MetricList& out) const {
    const CallStats& c = m_stats;
    out.emplace_back("call_attempts", static_cast<double>(c.attempts));
    out.emplace_back("call_retries", static_cast<double>(c.retries));
    out.emplace_back("call_hedges", static_cast<double>(c.hedges));
    out.emplace_back("retries_denied", static_cast<double>(retriesDenied()));
    out.emplace_back("attempts_timed_out", static_cast<double>(c.timedOut));
    out.emplace_back("ok_first_try", static_cast<double>(c.okFirstTry));
    out.emplace_back("ok_after_retry", static_cast<double>(c.okAfterRetry));
    out.emplace_back("amplification",
                     c.calls ? static_cast<double>(c.attempts) / static_cast<double>(c.calls)
                             : 0.0);
    const CircuitBreaker::State state = breakerState();
    out.emplace_back("breaker_open", state == CircuitBreaker::State::Closed ? 0.0
                                     : state == CircuitBreaker::State::Open ? 1.0
                                                                            : 0.5);
    std::uint64_t changes = 0;
    for (const Lane& lane : m_lanes)
        changes += lane.breaker.changes();
    out.emplace_back("breaker_changes", static_cast<double>(changes));
    out.emplace_back("short_circuited", static_cast<double>(c.shortCircuited));
}

bool PolicyCaller::counting() const {
    return m_sim.now() >= m_sim.metrics().warmupEnd();
}

std::uint64_t PolicyCaller::payload(std::uint32_t call, TimerKind kind) const {
    return call | (static_cast<std::uint64_t>(m_calls[call].generation & 0x3FFFFFFF) << 32) |
           (kind << 62);
}

void PolicyCaller::call(std::uint64_t token, std::uint32_t link, const emu::Request& prototype,
                        std::uint32_t target) {
    std::uint32_t index;
    if (m_freeCalls.empty()) {
        index = static_cast<std::uint32_t>(m_calls.size());
        m_calls.emplace_back();
    } else {
        index = m_freeCalls.back();
        m_freeCalls.pop_back();
    }
    Call& c = m_calls[index];
    const std::uint32_t generation = c.generation;
    c = Call{};
    c.generation = generation;
    c.prototype = prototype;
    c.token = token;
    c.issued = m_sim.now();
    c.link = link;
    c.inFlight = true;
    c.target = target;
    c.lane = laneOf(link);
    if (counting())
        ++m_stats.calls;
    Lane& lane = m_lanes[c.lane];
    if (lane.spec.breaker && !lane.breaker.allow(m_sim.now())) {
        if (counting())
            ++m_stats.shortCircuited;
        finish(index, nullptr, m_circuitOpen);
        return;
    }
    if (lane.spec.budget)
        lane.budget.onFirstTry();
    sendAttempt(index);
}

void PolicyCaller::sendAttempt(std::uint32_t index) {
    const std::uint32_t slot = m_sim.requests().acquire();
    emu::Request& r = m_sim.requests()[slot];
    const std::uint32_t generation = r.generation;
    std::memcpy(static_cast<void*>(&r), &m_calls[index].prototype, offsetof(emu::Request, stack));
    r.generation = generation;
    r.failure = emu::FailReason::None;
    r.timedOut = false;
    r.depth = 0;
    r.hops = 0;
    r.issued = m_sim.now();
    if (slot >= m_callOfSlot.size())
        m_callOfSlot.resize(slot + 1 + slot / 2, 0);
    m_callOfSlot[slot] = index + 1;
    Call& c = m_calls[index];
    c.live[c.live[0] == kNone ? 0 : 1] = m_sim.requests().handle(slot);
    ++c.attempts;
    if (counting()) {
        ++m_stats.attempts;
        ++m_sim.outcomes()[m_attemptsCounter];
    }
    const CallPolicySpec& spec = m_lanes[c.lane].spec;
    if (spec.timeout != emu::kNever && !c.timeout.valid())
        c.timeout = m_host.startCallTimer(spec.timeout, payload(index, AttemptTimeout));
    if (spec.hedges() && c.attempts == 1 && spec.hedgeAfter < spec.timeout)
        c.next = m_host.startCallTimer(spec.hedgeAfter, payload(index, HedgeDue));
    if (c.target == kLinkEnd)
        m_host.sendAttempt(slot, c.link);
    else
        m_host.sendAttemptTo(slot, c.link, c.target);
}

bool PolicyCaller::onReply(std::uint32_t slot) {
    if (slot >= m_callOfSlot.size() || m_callOfSlot[slot] == 0)
        return false;
    const std::uint32_t index = m_callOfSlot[slot] - 1;
    m_callOfSlot[slot] = 0;
    Call& c = m_calls[index];
    const std::uint64_t handle = m_sim.requests().handle(slot);
    const int which = c.live[0] == handle ? 0 : c.live[1] == handle ? 1 : -1;
    if (which < 0) { // abandoned at its timeout or beaten by a hedge: its answer is dropped
        m_sim.requests().release(slot);
        return true;
    }
    c.live[which] = kNone;
    const emu::Request& r = m_sim.requests()[slot];
    if (Lane& lane = m_lanes[c.lane]; lane.spec.breaker)
        lane.breaker.record(!r.failed(), m_sim.now());
    if (r.failed()) {
        const emu::FailReason reason = r.failure;
        m_sim.requests().release(slot);
        if (!anyLive(c)) // a hedge still out may answer
            attemptFailed(index, reason);
        return true;
    }
    finish(index, &m_sim.requests()[slot], emu::FailReason::None);
    m_sim.requests().release(slot);
    return true;
}

void PolicyCaller::attemptFailed(std::uint32_t index, emu::FailReason reason) {
    Call& c = m_calls[index];
    m_host.cancelCallTimer(c.timeout);
    m_host.cancelCallTimer(c.next);
    Lane& lane = m_lanes[c.lane];
    const bool mayRetry =
        c.attempts < lane.spec.maxAttempts && (!lane.spec.budget || lane.budget.tryRetry());
    if (!mayRetry) {
        finish(index, nullptr, reason);
        return;
    }
    c.prototype.failure = reason; // what the call fails with if the retry is refused
    c.next = m_host.startCallTimer(Backoff::delay(lane.spec, c.attempts, m_rng),
                                   payload(index, RetryDue));
}

void PolicyCaller::onTimer(std::uint64_t p) {
    const auto index = static_cast<std::uint32_t>(p);
    const auto kind = static_cast<TimerKind>(p >> 62);
    if (index >= m_calls.size() ||
        (m_calls[index].generation & 0x3FFFFFFF) != ((p >> 32) & 0x3FFFFFFF))
        return; // the call finished
    Call& c = m_calls[index];
    Lane& lane = m_lanes[c.lane];
    switch (kind) {
    case AttemptTimeout: {
        c.timeout = {};
        for (std::uint64_t& h : c.live)
            if (h != kNone) { // abandoned: it keeps its place downstream
                h = kNone;
                if (counting())
                    ++m_stats.timedOut;
                if (lane.spec.breaker)
                    lane.breaker.record(false, m_sim.now());
            }
        attemptFailed(index, emu::FailReason::Timeout);
        return;
    }
    case RetryDue:
        c.next = {};
        if (lane.spec.breaker && !lane.breaker.allow(m_sim.now())) {
            if (counting())
                ++m_stats.shortCircuited;
            finish(index, nullptr, m_circuitOpen);
            return;
        }
        c.retried = true;
        if (counting()) {
            ++m_stats.retries;
            ++m_sim.outcomes()[m_retriesCounter];
        }
        sendAttempt(index);
        return;
    case HedgeDue:
        c.next = {};
        if (anyLive(c) && c.attempts == 1) {
            if (counting())
                ++m_stats.hedges;
            sendAttempt(index);
        }
        return;
    }
}

void PolicyCaller::abandonAll(emu::FailReason reason) {
    // By index: a host may start calls from callFinished, which may grow the table.
    for (std::uint32_t index = 0; index < m_calls.size(); ++index)
        if (m_calls[index].inFlight)
            finish(index, nullptr, reason);
}

void PolicyCaller::finish(std::uint32_t index, emu::Request* answer, emu::FailReason reason) {
    Call& c = m_calls[index];
    m_host.cancelCallTimer(c.timeout);
    m_host.cancelCallTimer(c.next);
    c.live[0] = c.live[1] = kNone; // a hedge still out is abandoned
    c.inFlight = false;
    if (Lane& lane = m_lanes[c.lane]; lane.breaker.opens() != lane.opensSeen) {
        if (counting())
            m_sim.outcomes()[m_breakerOpensCounter] += lane.breaker.opens() - lane.opensSeen;
        lane.opensSeen = lane.breaker.opens();
    }
    if (counting()) {
        if (answer)
            ++(c.retried ? m_stats.okAfterRetry : m_stats.okFirstTry);
        else
            ++m_stats.failed;
    }
    const std::uint64_t token = c.token;
    const emu::Time issued = c.issued;
    const int attempts = c.attempts;
    ++c.generation; // its pending timers no longer name it
    if (answer) {
        m_freeCalls.push_back(index);
        m_host.callFinished(token, {*answer, issued, attempts});
        return;
    }
    // A copy: the host may start calls from the callback, which may move the table.
    emu::Request failed = c.prototype;
    failed.failure = reason;
    m_freeCalls.push_back(index);
    m_host.callFinished(token, {failed, issued, attempts});
}

} // namespace sb::comp
