#include "components/clients/ClientPopulation.h"

#include "components/common/HttpRequestMapping.h"
#include "components/common/NodeRoles.h"
#include "components/common/RequestState.h"
#include "components/contract/IEdgeCache.h"
#include "design/PropertySpec.h"
#include "design/Roles.h"
#include "design/TrafficRate.h"
#include "emulator/Simulation.h"

#include <cmath>

namespace sb::comp {

using emu::RequestClass;

namespace {
/// Malformed log lines listed one by one in the event log; the rest are only counted.
constexpr std::uint64_t kMalformedListed = 20;
/// Distinct client addresses that get a user each; later ones share users by hash.
constexpr std::size_t kMaxReplayUsers = 1 << 20;
constexpr RequestClass kClassOrder[] = {RequestClass::Read, RequestClass::Write,
                                        RequestClass::Static, RequestClass::Async,
                                        RequestClass::Join};
constexpr const char* kMixFields[] = {"read", "write", "static", "async", "join"};
} // namespace

ClientPopulation::ClientPopulation(emu::Simulation& sim, BuildContext& c)
    : CallingNode(sim, c.node.id.value, c.node.kind, CallPolicyTimer)
    , m_region(c.props.text("region"))
    , m_keys(static_cast<std::uint64_t>(c.props.integer("keys")), c.props.number("zipf_s"))
    , m_arrivalRng(sim.stream(id(), "arrivals"))
    , m_mixRng(sim.stream(id(), "mix"))
    , m_keyRng(sim.stream(id(), "keys"))
    , m_userRng(sim.stream(id(), "users"))
    , m_thinkRng(sim.stream(id(), "think"))
    , m_routeRng(sim.stream(id(), "route"))
    , m_policies(c.design, c.node, c.props) {
    const auto& p = c.props;
    m_users = static_cast<std::uint32_t>(p.integer("users"));
    m_baseRate = design::populationRate(p);
    const std::string arrival = p.text("arrival");
    m_closed = arrival == "closed";
    m_timeoutLane = addTimerLane();
    m_externalLane = addTimerLane();
    m_constant = arrival == "constant";
    m_thinkMean = p.number("think_s");
    const std::string pattern = p.text("pattern");
    m_pattern = pattern == "ramp"      ? Pattern::Ramp
                : pattern == "diurnal" ? Pattern::Diurnal
                : pattern == "spike"   ? Pattern::Spike
                                       : Pattern::Steady;
    m_peak = p.number("pattern_peak");
    m_period = p.number("pattern_period_s");
    m_spikeAt = p.number("spike_at_s");
    m_spikeLength = p.number("spike_s");
    double sum = 0;
    for (int i = 0; i < emu::kRequestClassCount; ++i) {
        sum += p.number("mix", kMixFields[i]);
        m_mixCumulative[i] = sum;
    }
    m_timeout = emu::fromMillis(p.number("timeout_ms"));
    if (p.number("user_skew") > 0)
        m_userSkew.emplace(m_users, p.number("user_skew"));
    m_hasSession.assign(m_users, false);
    m_replayPath = p.text("traffic_log");
    if (!m_replayPath.empty()) {
        m_replay = std::make_unique<AccessLogReplay>(m_replayPath);
        m_replaySpeed = p.number("traffic_speed");
        m_keyCount = static_cast<std::uint64_t>(p.integer("keys"));
    }
    m_caller =
        m_policies.makeCaller(sim, static_cast<CallHost&>(*this), sim.stream(id(), "backoff"));
}

double ClientPopulation::patternFactor(emu::Time t) const {
    const double s = emu::toSeconds(t);
    switch (m_pattern) {
    case Pattern::Steady:
        return 1.0;
    case Pattern::Ramp:
        return 1.0 + (m_peak - 1.0) * std::min(s / m_period, 1.0);
    case Pattern::Diurnal:
        return 1.0 + (m_peak - 1.0) * (1.0 - std::cos(2.0 * M_PI * s / m_period)) / 2.0;
    case Pattern::Spike:
        return s >= m_spikeAt && s < m_spikeAt + m_spikeLength ? m_peak : 1.0;
    }
    return 1.0;
}

void ClientPopulation::start() {
    if (m_caller)
        m_policies.applyToLinks(m_sim, *this, *m_caller);
    if (m_replay) {
        scheduleReplay();
    } else if (m_closed) {
        for (std::uint32_t u = 0; u < m_users; ++u)
            startTimer(emu::fromSeconds(m_thinkRng.exponential(std::max(m_thinkMean, 1e-3))),
                       UserWake, u);
    } else {
        scheduleArrival();
    }
}

void ClientPopulation::scheduleArrival() {
    const double rate = m_baseRate * patternFactor(now()) * m_liveFactor * m_spikeFactor;
    if (rate <= 0) {
        startTimer(100 * emu::kMillisecond, Arrival); // look again soon: the rate may rise
        return;
    }
    const double gap = m_constant ? 1.0 / rate : m_arrivalRng.exponential(1.0 / rate);
    startTimer(std::max<emu::Time>(1, emu::fromSeconds(gap)), Arrival, 1);
}

void ClientPopulation::scheduleReplay() {
    m_nextReplay = m_replay->next();
    reportMalformedLines();
    if (!m_nextReplay) {
        std::string detail = "replayed " + std::to_string(m_replay->replayedCount()) +
                             " requests of " + std::to_string(m_replay->linesRead()) + " lines";
        if (m_replay->malformedCount() > 0)
            detail += "; " + std::to_string(m_replay->malformedCount()) + " malformed";
        if (const auto logged = m_replay->meanLoggedSeconds())
            detail +=
                "; the log's mean request time " + design::formatNumber(*logged * 1000) + " ms";
        m_sim.logEvent("traffic_replayed", id(), detail);
        return;
    }
    const emu::Time at = emu::fromSeconds(m_nextReplay->offsetSeconds / m_replaySpeed);
    startTimer(std::max<emu::Time>(0, at - now()), Replay);
}

void ClientPopulation::reportMalformedLines() {
    for (const MalformedLine& m : m_replay->takeMalformed()) {
        if (m_malformedReported < kMalformedListed)
            m_sim.logEvent("traffic_malformed", id(),
                           m_replayPath + ":" + std::to_string(m.line) + ": " + m.reason);
        else if (m_malformedReported == kMalformedListed)
            m_sim.logEvent("traffic_malformed", id(),
                           "more malformed lines from line " + std::to_string(m.line) +
                               " on: counted in traffic_malformed, not listed");
        ++m_malformedReported;
    }
}

std::uint32_t ClientPopulation::replayUser(const std::string& address) {
    if (const auto it = m_replayUsers.find(address); it != m_replayUsers.end())
        return it->second;
    if (m_replayUsers.size() >= kMaxReplayUsers)
        return static_cast<std::uint32_t>(stableHash(address) % kMaxReplayUsers);
    const auto user = static_cast<std::uint32_t>(m_replayUsers.size());
    m_replayUsers.emplace(address, user);
    if (user >= m_hasSession.size())
        m_hasSession.resize(user + 1, false);
    return user;
}

RequestClass ClientPopulation::drawClass() {
    const double u = m_mixRng.uniform() * m_mixCumulative.back();
    for (int i = 0; i < emu::kRequestClassCount; ++i)
        if (u < m_mixCumulative[i])
            return kClassOrder[i];
    return RequestClass::Read;
}

std::uint32_t ClientPopulation::chooseLink(RequestClass cls) {
    const auto& links = outLinks();
    if (links.size() == 1)
        return links.front();
    // An edge cache takes the static requests; the other links share the rest.
    const NodeRoles& roles = m_sim.service<NodeRoles>();
    std::uint32_t cdn = UINT32_MAX;
    std::vector<std::uint32_t> others;
    for (std::uint32_t l : links) {
        if (roles.has(m_sim.links()[l].to, design::roles::kEdgeCache))
            cdn = l;
        else
            others.push_back(l);
    }
    if (cls == RequestClass::Static && cdn != UINT32_MAX) {
        // A CDN that is down and falls back to origin: the page loads its assets from the
        // origin path (the other links) instead.
        const emu::Node& edge = m_sim.node(m_sim.links()[cdn].to);
        const auto* network = dynamic_cast<const contract::IEdgeCache*>(&edge);
        const bool fallback =
            !edge.isUp() && network && network->fallbackToOrigin() && !others.empty();
        if (fallback && !m_cdnFallback)
            m_sim.logEvent("cdn_fallback", edge.id(), "static requests go to the origin");
        m_cdnFallback = fallback;
        if (!fallback)
            return cdn;
    }
    if (others.empty())
        return cdn;
    return others[m_roundRobin++ % others.size()];
}

void ClientPopulation::issue(std::uint32_t user) {
    const RequestClass cls = drawClass();
    issue(user, cls, static_cast<std::uint32_t>(m_keys.sample(m_keyRng) - 1));
}

void ClientPopulation::issue(std::uint32_t user, RequestClass cls, std::uint32_t key) {
    if (outLinks().empty())
        return;
    const std::uint32_t slot = m_sim.requests().acquire();
    emu::Request& r = request(slot);
    r.cls = cls;
    r.key = key;
    r.user = user;
    requestState(r).session = m_hasSession[user] ? user + 1 : 0;
    r.origin = index();
    r.issued = now();
    ++m_issued;
    ++m_outstanding;
    m_sim.metrics().recordIssued(now());
    const std::uint32_t link = chooseLink(cls);
    if (m_caller && m_caller->governs(link)) {
        // The policy sends attempts copied from this prototype and reports back once.
        const emu::Request prototype = r;
        m_sim.requests().release(slot);
        m_caller->call(user, link, prototype);
        return;
    }
    if (m_closed)
        startTimerInLane(m_timeoutLane, m_timeout, Timeout, m_sim.requests().handle(slot));
    send(slot, link);
}

void ClientPopulation::onRequest(std::uint32_t slot, std::uint32_t) {
    failRequest(slot, emu::FailReason::NoRoute); // clients take no requests
}

void ClientPopulation::admit(const contract::ExternalRequest& external, emu::Time at, Done done) {
    const std::uint32_t user = external.user.empty()
                                   ? replayUser("real request " + std::to_string(m_realIssued))
                                   : replayUser(external.user);
    ++m_realIssued;
    const std::uint32_t slot = m_sim.requests().acquire();
    emu::Request& r = request(slot);
    r.cls = external.cls;
    r.key = keyOfPath(external.path, m_keys.size());
    r.user = user;
    r.origin = index();
    r.issued = std::max(at, now());
    m_sim.network().traceRequest(slot);
    m_external.emplace(slot, External{std::move(done), r.issued});
    startTimer(r.issued - now(), ExternalSend, m_sim.requests().handle(slot));
}

void ClientPopulation::answerExternal(std::uint32_t slot, bool timedOut) {
    const auto it = m_external.find(slot);
    emu::Request& r = request(slot);
    contract::ExternalOutcome outcome;
    outcome.failure = timedOut ? emu::FailReason::Timeout : r.failure;
    outcome.issued = it->second.issued;
    outcome.latency = now() - it->second.issued;
    outcome.cacheHit = requestState(r).cacheHit;
    outcome.stale = requestState(r).stale;
    outcome.path = m_sim.network().takeTrace(slot); // a late answer is ignored, its hops not traced
    if (!m_realCounters) // looked up once: by then the endpoint has registered them or not
        m_realCounters = {m_sim.outcomes().counter("real_requests"),
                          m_sim.outcomes().counter("real_failed")};
    ++m_sim.outcomes()[m_realCounters->first];
    if (outcome.failure != emu::FailReason::None)
        ++m_sim.outcomes()[m_realCounters->second];
    const Done done = std::move(it->second.done);
    m_external.erase(it);
    done(outcome);
}

void ClientPopulation::onReply(std::uint32_t slot) {
    if (m_caller && m_caller->onReply(slot))
        return;
    emu::Request& r = request(slot);
    if (r.traced) { // a real request (one that timed out is no longer traced)
        answered(r, r.issued, false);
        answerExternal(slot, false);
    } else if (!r.timedOut) {
        answered(r, r.issued);
    }
    m_sim.requests().release(slot);
}

std::uint32_t ClientPopulation::timeOut(std::uint64_t handle) {
    const std::uint32_t slot = m_sim.requests().resolve(handle);
    if (slot == UINT32_MAX || request(slot).timedOut)
        return UINT32_MAX;
    emu::Request& r = request(slot);
    r.timedOut = true;
    --m_outstanding;
    const emu::FailReason previous = r.failure;
    r.failure = emu::FailReason::Timeout;
    m_sim.metrics().recordOutcome(now(), r, now() - r.issued);
    r.failure = previous; // the request is still in the system; its answer is ignored
    return slot;
}

void ClientPopulation::answered(emu::Request& r, emu::Time issued, bool thinkAgain) {
    --m_outstanding;
    const emu::Time latency = now() - issued;
    if (!r.failed() && latency > m_timeout)
        r.failure = emu::FailReason::Timeout;
    m_sim.metrics().recordOutcome(now(), r, latency);
    if (!r.failed())
        m_hasSession[r.user] = true;
    if (m_closed && thinkAgain)
        startTimer(emu::fromSeconds(m_thinkRng.exponential(std::max(m_thinkMean, 1e-3))), UserWake,
                   r.user);
}

void ClientPopulation::callFinished(std::uint64_t, const CallResult& result) {
    answered(result.request, result.issued);
}

void ClientPopulation::onTimer(std::uint32_t timer, std::uint64_t payload) {
    switch (timer) {
    case Arrival: {
        if (payload == 1) {
            const std::uint32_t user =
                m_userSkew ? static_cast<std::uint32_t>(m_userSkew->sample(m_userRng) - 1)
                           : static_cast<std::uint32_t>(m_userRng.below(m_users));
            issue(user);
        }
        scheduleArrival();
        break;
    }
    case UserWake:
        issue(static_cast<std::uint32_t>(payload));
        break;
    case CallPolicyTimer:
        m_caller->onTimer(payload);
        break;
    case ExternalSend: {
        const std::uint32_t slot = m_sim.requests().resolve(payload);
        ++m_issued;
        ++m_outstanding;
        m_sim.metrics().recordIssued(now());
        if (outLinks().empty()) {
            emu::Request& r = request(slot);
            r.failure = emu::FailReason::NoRoute;
            answered(r, r.issued, false);
            answerExternal(slot, false);
            m_sim.requests().release(slot);
            break;
        }
        startTimerInLane(m_externalLane, m_timeout, ExternalTimeout, payload);
        send(slot, chooseLink(request(slot).cls));
        break;
    }
    case ExternalTimeout:
        if (const std::uint32_t slot = timeOut(payload); slot != UINT32_MAX)
            answerExternal(slot, true);
        break;
    case Replay: {
        if (!m_nextReplay)
            break;
        if (now() - m_replayWindowStart >= emu::kSecond) {
            m_replayRate = static_cast<double>(m_replayWindowCount) /
                           emu::toSeconds(now() - m_replayWindowStart);
            m_replayWindowStart = now();
            m_replayWindowCount = 0;
        }
        ++m_replayWindowCount;
        issue(replayUser(m_nextReplay->address), m_nextReplay->cls,
              keyOfPath(m_nextReplay->path, m_keyCount));
        scheduleReplay();
        break;
    }
    case Timeout:
        if (const std::uint32_t slot = timeOut(payload); slot != UINT32_MAX)
            startTimer(emu::fromSeconds(m_thinkRng.exponential(std::max(m_thinkMean, 1e-3))),
                       UserWake, request(slot).user);
        break;
    default:
        break;
    }
}

bool ClientPopulation::applyProperty(const std::string& name, double value) {
    if (name == "rate_multiplier" || name == "spike") {
        (name == "spike" ? m_spikeFactor : m_liveFactor) = std::max(0.0, value);
        return true;
    }
    if (name == "rate_rps") {
        m_baseRate = std::max(0.0, value);
        return true;
    }
    for (int i = 0; i < emu::kRequestClassCount; ++i) {
        if (name == std::string("mix.") + kMixFields[i]) {
            // Set one class's share and scale the others to keep the total at 1.
            std::array<double, emu::kRequestClassCount> share{};
            double previous = 0;
            for (int k = 0; k < emu::kRequestClassCount; ++k) {
                share[k] = m_mixCumulative[k] - previous;
                previous = m_mixCumulative[k];
            }
            const double rest = previous - share[i];
            const double v = std::clamp(value, 0.0, 1.0);
            for (int k = 0; k < emu::kRequestClassCount; ++k)
                share[k] = k == i ? v : (rest > 0 ? share[k] / rest * (1.0 - v) : (1.0 - v) / 4);
            double sum = 0;
            for (int k = 0; k < emu::kRequestClassCount; ++k)
                m_mixCumulative[k] = (sum += share[k]);
            return true;
        }
    }
    return false;
}

void ClientPopulation::collectMetrics(emu::MetricList& out) const {
    if (m_replay) {
        // Arrivals per second over the last whole window; a window still open that has
        // lasted longer than a second (the log went quiet) counts what it has so far.
        const emu::Time open = now() - m_replayWindowStart;
        out.emplace_back("offered_rps",
                         open > emu::kSecond
                             ? static_cast<double>(m_replayWindowCount) / emu::toSeconds(open)
                             : m_replayRate);
        out.emplace_back("traffic_lines", static_cast<double>(m_replay->linesRead()));
        out.emplace_back("traffic_replayed", static_cast<double>(m_replay->replayedCount()));
        out.emplace_back("traffic_malformed", static_cast<double>(m_replay->malformedCount()));
        out.emplace_back("traffic_out_of_order", static_cast<double>(m_replay->outOfOrderCount()));
    } else {
        out.emplace_back("offered_rps",
                         m_baseRate * patternFactor(now()) * m_liveFactor * m_spikeFactor);
    }
    out.emplace_back("outstanding", static_cast<double>(m_outstanding));
    out.emplace_back("issued", static_cast<double>(m_issued));
    if (m_caller)
        m_caller->collectMetrics(out);
}

} // namespace sb::comp
