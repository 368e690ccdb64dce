#include "components/common/DatabaseNode.h"

#include "components/common/CommonOutcomes.h"
#include "components/common/ReplicationGroup.h"
#include "components/common/RequestState.h"
#include "components/common/VersionedData.h"
#include "emulator/Simulation.h"

#include <algorithm>

namespace sb::comp {

using emu::FailReason;
using emu::RequestClass;

DatabaseSettings databaseSettings(const design::PropertyValues& props) {
    DatabaseSettings s;
    s.workers = static_cast<int>(props.integer("workers"));
    s.queueLimit = props.integer("queue_limit");
    s.read = emu::ServiceTime(emu::ServiceTime::parseShape(props.text("service_dist")),
                              emu::fromMillis(props.number("read_ms")));
    s.catchUpOpsPerSecond = props.number("catch_up_ops");
    return s;
}

DatabaseNode::DatabaseNode(emu::Simulation& sim, std::string id, std::string kind,
                           DatabaseSettings settings)
    : Node(sim, std::move(id), std::move(kind))
    , m_settings(std::move(settings))
    , m_station(sim, *this, m_settings.workers, m_settings.queueLimit)
    , m_rng(sim.stream(this->id(), emu::kServiceTimeStream)) {
    addStation(&m_station);
}

bool DatabaseNode::joinReplication(ReplicationGroup& group, std::uint32_t link) {
    if (m_group)
        return false;
    group.addFollower(*this, link);
    return true;
}

void DatabaseNode::setVersion(std::uint32_t key, std::uint64_t version) {
    if (key >= m_versions.size())
        m_versions.resize(static_cast<std::size_t>(key) + 1 + m_versions.size() / 2, 0);
    m_versions[key] = static_cast<std::uint32_t>(version);
}

void DatabaseNode::mergeVersions(const DatabaseNode& other) {
    if (other.m_versions.size() > m_versions.size())
        m_versions.resize(other.m_versions.size(), 0);
    for (std::size_t k = 0; k < other.m_versions.size(); ++k)
        m_versions[k] = std::max(m_versions[k], other.m_versions[k]);
}

void DatabaseNode::onRequest(std::uint32_t slot, std::uint32_t) {
    const emu::Request& r = request(slot);
    bool accepted;
    if (r.cls == RequestClass::Write) {
        // A system write carrying a version is a copy (shard migration); others commit anew.
        const bool copy = r.internal && requestState(r).version > 0;
        if (!copy && !m_writer) {
            failRequest(slot, commonOutcomes(m_sim).writeRejected);
            return;
        }
        accepted = m_station.submit(slot, m_settings.write.sample(m_rng), copy ? OpCopy : OpWrite);
    } else {
        accepted = m_station.submit(slot, m_settings.read.sample(m_rng), OpRead);
    }
    if (!accepted)
        failRequest(slot, FailReason::Overloaded);
}

void DatabaseNode::serviceDone(std::uint32_t slot, std::uint32_t tag) {
    emu::Request& r = request(slot);
    switch (tag) {
    case OpRead:
        ++m_reads;
        serveRead(m_sim, r, version(r.key));
        if (requestState(r).stale)
            ++m_staleReads;
        ++counters().completed;
        reply(slot);
        return;
    case OpWrite:
        ++m_writes;
        if (!m_writer || !m_group) {
            failRequest(slot, commonOutcomes(m_sim).writeRejected);
            return;
        }
        m_group->commit(slot);
        return;
    default: {
        ++m_writes;
        const std::uint64_t held = version(r.key);
        if (requestState(r).version > held) {
            setVersion(r.key, requestState(r).version);
            if (m_writer && m_group)
                m_group->appendCommitted(r.key, requestState(r).version, held, now());
        }
        ++counters().completed;
        reply(slot);
        return;
    }
    }
}

void DatabaseNode::serviceFailed(std::uint32_t slot, std::uint32_t, FailReason reason) {
    failRequest(slot, reason);
}

void DatabaseNode::acknowledge(std::uint32_t slot) {
    ++counters().completed;
    reply(slot);
}

void DatabaseNode::reject(std::uint32_t slot, FailReason reason) {
    failRequest(slot, reason);
}

void DatabaseNode::startAckTimer(emu::Time delay, std::uint64_t index) {
    startTimer(delay, AckTimeout, index);
}

void DatabaseNode::clearInFlight() {
    cancelTimer(m_applyTimer);
    m_inFlight.clear();
    m_received = m_applied;
    m_caughtUpAt = 0;
    m_follow = Follow::Idle;
}

void DatabaseNode::becomeWriter() {
    clearInFlight();
    m_writer = true;
    if (m_group) {
        m_applied = m_group->log().head();
        m_received = m_applied;
    }
}

void DatabaseNode::follow() {
    m_writer = false;
    clearInFlight();
    if (!m_group || !isUp())
        return;
    m_term = m_group->term();
    const ReplicationLog& log = m_group->log();
    const bool servable = !m_diverged && (m_applied == log.head() ||
                                          (m_applied < log.head() && log.contains(m_applied + 1)));
    if (!servable)
        cloneFrom(m_group->writer(), log.head()); // off the log's history: a full resync
    m_received = m_applied;
    if (m_applied == log.head()) {
        m_follow = Follow::Streaming;
        m_lastArrival = now();
    } else {
        fetch();
    }
}

bool DatabaseNode::sendLog(const DatabaseNode& peer, std::uint32_t tag,
                           const ReplicationMessage& m) {
    const std::uint32_t link = m_group ? m_group->linkBetween(*this, peer) : UINT32_MAX;
    if (link == UINT32_MAX)
        return false;
    sendMessage(link, peer.index(), tag, m);
    return true;
}

void DatabaseNode::stream(const DatabaseNode& follower, std::uint64_t index) {
    sendLog(follower, kStreamEntry, {index, index, m_group->term()});
}

void DatabaseNode::fetch() {
    m_follow = Follow::CatchingUp;
    const DatabaseNode& writer = m_group->writer();
    sendLog(writer, kFetch, {m_received + 1, 0, m_term});
    // No answer within a round trip and a margin: the request or the answer was lost.
    emu::Time retry = 200 * emu::kMillisecond;
    const std::uint32_t link = m_group->linkBetween(*this, writer);
    if (link != UINT32_MAX) {
        const emu::Link& l = m_sim.links()[link];
        retry += 2 * (l.latency + l.jitter + l.extraLatency);
    }
    cancelTimer(m_fetchRetry);
    m_fetchRetry = startCancellableTimer(retry, FetchRetry);
}

void DatabaseNode::onMessage(const emu::Message& message) {
    if (!m_group)
        return;
    const auto m = message.as<ReplicationMessage>();
    switch (message.tag) {
    case kStreamEntry:
        if (!m_writer && m.term == m_group->term() && m.term == m_term)
            onStreamEntry(m);
        return;
    case kBatch:
        if (!m_writer && m.term == m_group->term() && m.term == m_term)
            onBatch(m);
        return;
    case kFetch:
        if (m_writer && m.term == m_group->term())
            answerFetch(message);
        return;
    case kApplied:
        if (m_writer && m.term == m_group->term())
            m_group->appliedThrough(m_sim.node(message.from), m.to);
        return;
    default:
        return;
    }
}

void DatabaseNode::onStreamEntry(const ReplicationMessage& m) {
    if (m_follow != Follow::Streaming || m.from <= m_received)
        return; // not following, replaying (the answer covers it) or a duplicate
    if (m.from > m_received + 1) {
        fetch(); // an entry before it was lost on the way
        return;
    }
    const ReplicationLog& log = m_group->log();
    if (!log.contains(m.from))
        return;
    const emu::Time committed = log.at(m.from).committed;
    m_received = m.from;
    enqueue(m.from, now() + m_settings.lag.at(committed));
}

void DatabaseNode::answerFetch(const emu::Message& message) {
    const auto m = message.as<ReplicationMessage>();
    for (const DatabaseNode* f : m_group->followers())
        if (f->index() == message.from)
            sendLog(*f, kBatch, {m.from, m_group->log().head(), m_group->term()});
}

void DatabaseNode::onBatch(const ReplicationMessage& m) {
    if (m_follow != Follow::CatchingUp || m.from != m_received + 1)
        return; // an answer to an earlier fetch
    cancelTimer(m_fetchRetry);
    m_follow = Follow::Streaming;
    if (m.to < m.from) {
        m_lastArrival = std::max(m_lastArrival, now());
        if (m_inFlight.empty())
            onCaughtUp();
        else
            m_caughtUpAt = m_received;
        return;
    }
    ++m_catchUps;
    const ReplicationLog& log = m_group->log();
    const emu::Time step = emu::fromSeconds(1.0 / std::max(m_settings.catchUpOpsPerSecond, 1e-3));
    emu::Time at = now();
    for (std::uint64_t i = m.from; i <= m.to; ++i, at += step)
        if (log.contains(i))
            enqueue(i, at);
    m_received = m.to;
    m_caughtUpAt = m.to;
}

void DatabaseNode::enqueue(std::uint64_t index, emu::Time at) {
    const emu::Time arrives = std::max({m_lastArrival, now(), at});
    m_lastArrival = arrives;
    m_inFlight.push_back({index, arrives});
    if (m_inFlight.size() == 1)
        m_applyTimer = startCancellableTimer(arrives - now(), ApplyNext);
}

void DatabaseNode::cutStream() {
    clearInFlight();
}

void DatabaseNode::cloneFrom(const DatabaseNode& source, std::uint64_t index) {
    m_versions = source.m_versions;
    m_applied = index;
    m_received = std::max(m_received, index);
    m_diverged = false;
}

void DatabaseNode::apply(std::uint64_t index) {
    const ReplicationLog& log = m_group->log();
    if (index <= m_applied || !log.contains(index))
        return;
    const LogEntry& e = log.at(index);
    if (e.version > version(e.key))
        setVersion(e.key, e.version);
    m_applied = index;
    const double lagMs = emu::toMillis(now() - e.committed);
    m_lagSumMs += lagMs;
    m_lagMaxMs = std::max(m_lagMaxMs, lagMs);
    ++m_lagCount;
    if (m_group->waitsForFollowers())
        sendLog(m_group->writer(), kApplied, {index, index, m_term});
}

void DatabaseNode::onTimer(std::uint32_t timer, std::uint64_t payload) {
    switch (timer) {
    case ApplyNext: {
        m_applyTimer = {};
        if (m_inFlight.empty())
            return;
        const InFlight next = m_inFlight.front();
        m_inFlight.pop_front();
        apply(next.index);
        if (m_caughtUpAt != 0 && m_applied >= m_caughtUpAt) {
            m_caughtUpAt = 0;
            onCaughtUp();
        }
        if (!m_inFlight.empty())
            m_applyTimer = startCancellableTimer(
                std::max<emu::Time>(0, m_inFlight.front().arrives - now()), ApplyNext);
        return;
    }
    case FetchRetry:
        m_fetchRetry = {};
        if (m_follow == Follow::CatchingUp && isUp() && !m_writer && m_group)
            fetch();
        return;
    case AckTimeout:
        if (m_group)
            m_group->ackTimedOut(payload);
        return;
    default:
        return;
    }
}

void DatabaseNode::onFailed() {
    clearInFlight();
    if (m_group && m_group->memberChanged)
        m_group->memberChanged(*this, false);
}

void DatabaseNode::onRecovered() {
    if (m_group && m_group->memberChanged)
        m_group->memberChanged(*this, true);
}

double DatabaseNode::lagMs() const {
    if (!m_group || m_writer)
        return 0;
    const ReplicationLog& log = m_group->log();
    if (m_applied >= log.head() || !log.contains(m_applied + 1))
        return 0;
    return emu::toMillis(now() - log.at(m_applied + 1).committed);
}

void DatabaseNode::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("reads", static_cast<double>(m_reads));
    out.emplace_back("writes", static_cast<double>(m_writes));
    out.emplace_back("stale_reads", static_cast<double>(m_staleReads));
    out.emplace_back("lag_ms", lagMs());
    out.emplace_back("lag_ms_mean", m_lagCount ? m_lagSumMs / static_cast<double>(m_lagCount) : 0);
    out.emplace_back("lag_ms_max", m_lagMaxMs);
    out.emplace_back("writer", m_writer ? 1.0 : 0.0);
    out.emplace_back("catch_ups", static_cast<double>(m_catchUps));
}

} // namespace sb::comp
