#include "components/db_primary/Failover.h"

#include "components/common/CommonOutcomes.h"
#include "components/common/ReplicationGroup.h"
#include "components/common/VersionedData.h"
#include "components/db_primary/DbPrimary.h"
#include "components/db_primary/PeerReplication.h"
#include "emulator/Simulation.h"

#include <algorithm>
#include <sstream>

namespace sb::comp {

Failover::Failover(DbPrimary& owner, ReplicationGroup& group, PeerReplication& peers,
                   bool automatic, emu::Time detection, emu::Time promotion, bool recoveryScript)
    : m_owner(owner)
    , m_group(group)
    , m_peers(peers)
    , m_automatic(automatic)
    , m_detection(detection)
    , m_promotion(promotion)
    , m_recoveryScript(recoveryScript) {}

void Failover::memberChanged(DatabaseNode& node, bool up) {
    if (!up) {
        if (&node == &m_group.writer())
            writerDown();
        else
            m_group.followersChanged();
        return;
    }
    if (&node == &m_group.writer()) {
        // The writer came back before anyone replaced it.
        m_owner.cancelTimer(m_detectTimer);
        m_owner.cancelTimer(m_promoteTimer);
        m_state = State::Serving;
        m_peers.mergePeersInto(node);
        m_group.resumeFollowers();
        return;
    }
    if (&node == m_unreplicatedHolder && m_recoveryScript)
        replayUnreplicated(node);
    node.follow();
    if (m_state == State::Detected && m_automatic && !m_peers.active())
        startPromotion(nullptr);
}

void Failover::writerDown() {
    m_state = State::Down;
    m_owner.cancelTimer(m_detectTimer);
    m_owner.cancelTimer(m_promoteTimer);
    m_candidate = nullptr;
    m_group.writerFailed();
    m_peers.ownerFailed();
    m_detectTimer = m_owner.startCancellableTimer(m_detection, DbPrimary::Detect);
}

void Failover::detected() {
    m_state = State::Detected;
    m_owner.m_sim.logEvent("detected_down", m_group.writer().id());
    if (m_peers.active()) {
        m_peers.takeOver();
        return;
    }
    if (m_automatic)
        startPromotion(nullptr);
}

bool Failover::startPromotion(DatabaseNode* candidate) {
    if (!candidate)
        candidate = m_group.mostUpToDate();
    if (!candidate) {
        m_owner.m_sim.logEvent("failover", m_owner.id(), "no healthy replica to promote");
        return false;
    }
    m_state = State::Promoting;
    m_candidate = candidate;
    m_owner.m_sim.logEvent("failover", m_owner.id(), "candidate=" + candidate->id());
    m_promoteTimer = m_owner.startCancellableTimer(m_promotion, DbPrimary::Promote);
    return true;
}

void Failover::finishPromotion() {
    emu::Simulation& sim = m_owner.m_sim;
    DatabaseNode* candidate =
        m_candidate && m_candidate->isUp() ? m_candidate : m_group.mostUpToDate();
    m_candidate = nullptr;
    if (!candidate) {
        m_state = State::Detected;
        sim.logEvent("failover", m_owner.id(), "no healthy replica to promote");
        return;
    }
    DatabaseNode& old = m_group.writer();
    const std::vector<LogEntry> lost = m_group.promote(*candidate);
    if (!lost.empty()) {
        m_unreplicated.clear();
        for (const LogEntry& e : lost)
            m_unreplicated.push_back({e, candidate->version(e.key)});
        m_unreplicatedHolder = &old;
    }
    sim.outcomes()[commonOutcomes(sim).lostWrites] += lost.size();
    m_lostWrites += lost.size();
    m_state = State::Serving;
    std::ostringstream detail;
    detail << "from=" << old.id() << " lost_writes=" << lost.size();
    sim.logEvent("promoted", candidate->id(), detail.str());
}

void Failover::replayUnreplicated(DatabaseNode& holder) {
    emu::Simulation& sim = m_owner.m_sim;
    auto& truth = sim.service<VersionedData>();
    DatabaseNode& writer = m_group.writer();
    std::uint64_t conflicts = 0;
    for (const Unreplicated& u : m_unreplicated) {
        if (truth.latest(u.entry.key) != u.rolledBackTo)
            ++conflicts; // written again on the new primary since: a human must look at it
        const std::uint64_t base = writer.version(u.entry.key);
        const std::uint64_t version = truth.commit(u.entry.key);
        writer.setVersion(u.entry.key, version);
        m_group.appendCommitted(u.entry.key, version, base, m_owner.now());
    }
    const std::uint64_t recovered = m_unreplicated.size();
    emu::Outcomes& counts = sim.outcomes();
    const CommonOutcomes& common = commonOutcomes(sim);
    counts[common.recoveredWrites] += recovered;
    counts[common.lostWrites] -= std::min(counts[common.lostWrites], recovered);
    counts[common.conflicts] += conflicts;
    m_recoveredWrites += recovered;
    m_conflicts += conflicts;
    m_unreplicated.clear();
    m_unreplicatedHolder = nullptr;
    std::ostringstream detail;
    detail << "recovered=" << recovered << " conflicts=" << conflicts;
    sim.logEvent("recovery_script", holder.id(), detail.str());
}

bool Failover::promote(DatabaseNode* candidate) {
    if (m_state == State::Serving || m_state == State::Promoting || m_peers.active())
        return false;
    if (candidate && (!candidate->isUp() || candidate->group() != &m_group))
        return false;
    return startPromotion(candidate);
}

bool Failover::onTimer(std::uint32_t timer) {
    switch (timer) {
    case DbPrimary::Detect:
        m_detectTimer = {};
        if (m_state == State::Down)
            detected();
        return true;
    case DbPrimary::Promote:
        m_promoteTimer = {};
        if (m_state == State::Promoting)
            finishPromotion();
        return true;
    default:
        return false;
    }
}

} // namespace sb::comp
