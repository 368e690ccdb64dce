#include "components/common/ReplicationGroup.h"

#include "components/common/DatabaseNode.h"
#include "components/common/RequestState.h"
#include "components/common/VersionedData.h"

#include <algorithm>

namespace sb::comp {

namespace {
constexpr std::uint32_t kTrimEvery = 1024;
}

ReplicationGroup::ReplicationGroup(emu::Simulation& sim, DatabaseNode& writer, Mode mode,
                                   emu::Time semiSyncTimeout)
    : m_sim(sim)
    , m_writer(&writer)
    , m_mode(mode)
    , m_semiSyncTimeout(semiSyncTimeout) {
    writer.joinGroup(*this);
    writer.becomeWriter();
}

void ReplicationGroup::addFollower(DatabaseNode& follower, std::uint32_t link) {
    follower.joinGroup(*this);
    follower.setReplicationLink(link);
    m_followers.push_back(&follower);
    follower.markApplied(m_log.head());
    follower.follow();
}

std::uint32_t ReplicationGroup::linkBetween(const DatabaseNode& a, const DatabaseNode& b) const {
    const DatabaseNode& follower = &a == m_writer ? b : a;
    const DatabaseNode& other = &follower == &a ? b : a;
    return follower.replicationLink() != UINT32_MAX ? follower.replicationLink()
                                                    : other.replicationLink();
}

int ReplicationGroup::streamingFollowers() const {
    return static_cast<int>(std::count_if(m_followers.begin(), m_followers.end(),
                                          [](auto* f) { return f->isUp() && f->isStreaming(); }));
}

std::uint64_t ReplicationGroup::append(const LogEntry& entry) {
    // Trim before appending: the new entry must outlive this call (commit() still marks it).
    if (++m_sinceTrim >= kTrimEvery)
        trim();
    const std::uint64_t index = m_log.append(entry);
    m_writer->markApplied(index);
    for (const DatabaseNode* f : m_followers)
        if (f->isUp())
            m_writer->stream(*f, index);
    return index;
}

void ReplicationGroup::commit(std::uint32_t slot) {
    emu::Request& r = m_sim.requests()[slot];
    const std::uint64_t base = m_writer->version(r.key);
    const std::uint64_t version = m_sim.service<VersionedData>().commit(r.key);
    m_writer->setVersion(r.key, version);
    requestState(r).version = version;
    const std::uint64_t index = append({r.key, version, base, m_sim.now(), false});
    if (committed)
        committed(m_log.at(index));
    const int healthy = streamingFollowers();
    const int need = m_mode == Mode::Async      ? 0
                     : m_mode == Mode::SemiSync ? std::min(1, healthy)
                                                : healthy;
    if (need == 0) {
        m_log.at(index).acknowledged = true;
        m_writer->acknowledge(slot);
        return;
    }
    m_waiting.emplace(index, Waiting{m_writer, m_sim.requests().handle(slot), need, 0});
    if (m_mode == Mode::SemiSync)
        m_writer->startAckTimer(m_semiSyncTimeout, index);
}

void ReplicationGroup::appendCommitted(std::uint32_t key, std::uint64_t version,
                                       std::uint64_t baseVersion, emu::Time committedAt) {
    append({key, version, baseVersion, committedAt, true});
}

void ReplicationGroup::acknowledge(std::uint64_t index) {
    auto it = m_waiting.find(index);
    if (it == m_waiting.end())
        return;
    const Waiting w = it->second;
    m_waiting.erase(it);
    if (m_log.contains(index))
        m_log.at(index).acknowledged = true;
    const std::uint32_t slot = m_sim.requests().resolve(w.handle);
    if (slot != UINT32_MAX)
        w.holder->acknowledge(slot);
}

void ReplicationGroup::appliedThrough(const emu::Node& follower, std::uint64_t index) {
    std::uint64_t& reported = m_reported[follower.index()];
    if (index <= reported)
        return;
    const std::uint64_t from = reported;
    reported = index;
    std::vector<std::uint64_t> ready;
    for (auto it = m_waiting.upper_bound(from); it != m_waiting.end() && it->first <= index; ++it)
        if (++it->second.got >= it->second.need)
            ready.push_back(it->first);
    for (std::uint64_t i : ready)
        acknowledge(i);
}

void ReplicationGroup::ackTimedOut(std::uint64_t index) {
    if (m_waiting.count(index)) {
        ++m_semiSyncFallbacks;
        acknowledge(index);
    }
}

void ReplicationGroup::writerFailed() {
    for (DatabaseNode* f : m_followers)
        f->cutStream();
    auto waiting = std::move(m_waiting);
    m_waiting.clear();
    for (const auto& [index, w] : waiting) {
        const std::uint32_t slot = m_sim.requests().resolve(w.handle);
        if (slot != UINT32_MAX)
            w.holder->reject(slot, emu::FailReason::NodeDown);
    }
}

void ReplicationGroup::followersChanged() {
    const int healthy = streamingFollowers();
    std::vector<std::uint64_t> ready;
    for (auto& [index, w] : m_waiting) {
        w.need = std::min(w.need, healthy);
        if (w.got >= w.need)
            ready.push_back(index);
    }
    for (std::uint64_t index : ready)
        acknowledge(index);
}

DatabaseNode* ReplicationGroup::mostUpToDate() const {
    DatabaseNode* best = nullptr;
    for (DatabaseNode* f : m_followers)
        if (f->isUp() && (!best || f->applied() > best->applied()))
            best = f;
    return best;
}

std::vector<LogEntry> ReplicationGroup::promote(DatabaseNode& candidate) {
    const std::uint64_t keep = std::min(candidate.applied(), m_log.head());
    std::vector<LogEntry> missing = m_log.truncateAfter(keep);
    auto& truth = m_sim.service<VersionedData>();
    for (const LogEntry& e : missing)
        truth.set(e.key, candidate.version(e.key));
    std::erase_if(missing, [](const LogEntry& e) { return !e.acknowledged; });
    DatabaseNode* old = m_writer;
    std::erase(m_followers, &candidate);
    m_followers.push_back(old);
    m_writer = &candidate;
    ++m_term;
    m_reported.clear();
    candidate.becomeWriter();
    old->markDiverged();
    old->follow();
    resumeFollowers();
    return missing;
}

void ReplicationGroup::resumeFollowers() {
    for (DatabaseNode* f : m_followers)
        if (f->isUp() && !f->isStreaming())
            f->follow();
}

double ReplicationGroup::maxFollowerLagMs() const {
    double lag = 0;
    for (const DatabaseNode* f : m_followers)
        lag = std::max(lag, f->lagMs());
    return lag;
}

void ReplicationGroup::trim() {
    m_sinceTrim = 0;
    std::uint64_t through = m_log.head();
    for (const DatabaseNode* f : m_followers)
        through = std::min(through, f->applied());
    if (!m_waiting.empty())
        through = std::min(through, m_waiting.begin()->first - 1);
    m_log.trimThrough(through);
}

} // namespace sb::comp
