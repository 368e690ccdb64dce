#include "components/common/PolicyCaller.h"

#include "emulator/Simulation.h"

#include <cstring>

namespace sb::comp {

PolicyCaller::PolicyCaller(emu::Simulation& sim, CallHost& host, const CallPolicySpec& spec,
                           emu::RandomStream rng)
    : m_sim(sim)
    , m_host(host)
    , m_spec(spec)
    , m_rng(rng)
    , m_budget(spec.budgetRatio)
    , m_breaker(spec)
    , m_circuitOpen(sim.outcomes().failReason("circuit_open"))
    , m_attemptsCounter(
          sim.outcomes().counter("call_attempts", emu::Outcomes::Column::RunningTotal))
    , m_retriesCounter(sim.outcomes().counter("call_retries", emu::Outcomes::Column::RunningTotal))
    , m_breakerOpensCounter(sim.outcomes().counter("breaker_opens")) {}

bool PolicyCaller::counting() const {
    return m_sim.now() >= m_sim.metrics().warmupEnd();
}

std::uint64_t PolicyCaller::payload(std::uint32_t call, TimerKind kind) const {
    return call | (static_cast<std::uint64_t>(m_calls[call].generation & 0x3FFFFFFF) << 32) |
           (kind << 62);
}

void PolicyCaller::call(std::uint64_t token, std::uint32_t link, const emu::Request& prototype) {
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
    if (counting())
        ++m_stats.calls;
    if (m_spec.breaker && !m_breaker.allow(m_sim.now())) {
        if (counting())
            ++m_stats.shortCircuited;
        finish(index, nullptr, m_circuitOpen);
        return;
    }
    if (m_spec.budget)
        m_budget.onFirstTry();
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
    if (m_spec.timeout != emu::kNever && !c.timeout.valid())
        c.timeout = m_host.startCallTimer(m_spec.timeout, payload(index, AttemptTimeout));
    if (m_spec.hedges() && c.attempts == 1 && m_spec.hedgeAfter < m_spec.timeout)
        c.next = m_host.startCallTimer(m_spec.hedgeAfter, payload(index, HedgeDue));
    m_host.sendAttempt(slot, c.link);
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
    if (m_spec.breaker)
        m_breaker.record(!r.failed(), m_sim.now());
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
    const bool mayRetry =
        c.attempts < m_spec.maxAttempts && (!m_spec.budget || m_budget.tryRetry());
    if (!mayRetry) {
        finish(index, nullptr, reason);
        return;
    }
    c.prototype.failure = reason; // what the call fails with if the retry is refused
    c.next =
        m_host.startCallTimer(Backoff::delay(m_spec, c.attempts, m_rng), payload(index, RetryDue));
}

void PolicyCaller::onTimer(std::uint64_t p) {
    const auto index = static_cast<std::uint32_t>(p);
    const auto kind = static_cast<TimerKind>(p >> 62);
    if (index >= m_calls.size() ||
        (m_calls[index].generation & 0x3FFFFFFF) != ((p >> 32) & 0x3FFFFFFF))
        return; // the call finished
    Call& c = m_calls[index];
    switch (kind) {
    case AttemptTimeout: {
        c.timeout = {};
        for (std::uint64_t& h : c.live)
            if (h != kNone) { // abandoned: it keeps its place downstream
                h = kNone;
                if (counting())
                    ++m_stats.timedOut;
                if (m_spec.breaker)
                    m_breaker.record(false, m_sim.now());
            }
        attemptFailed(index, emu::FailReason::Timeout);
        return;
    }
    case RetryDue:
        c.next = {};
        if (m_spec.breaker && !m_breaker.allow(m_sim.now())) {
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

void PolicyCaller::finish(std::uint32_t index, emu::Request* answer, emu::FailReason reason) {
    Call& c = m_calls[index];
    m_host.cancelCallTimer(c.timeout);
    m_host.cancelCallTimer(c.next);
    c.live[0] = c.live[1] = kNone; // a hedge still out is abandoned
    if (m_breaker.opens() != m_opensSeen) {
        if (counting())
            m_sim.outcomes()[m_breakerOpensCounter] += m_breaker.opens() - m_opensSeen;
        m_opensSeen = m_breaker.opens();
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
