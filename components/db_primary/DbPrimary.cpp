#include "components/db_primary/DbPrimary.h"

#include "components/common/CommonOutcomes.h"
#include "components/common/NodeRoles.h"
#include "components/common/VersionedData.h"
#include "design/Roles.h"
#include "emulator/Simulation.h"

#include <algorithm>
#include <sstream>

namespace sb::comp {

namespace {

/// How often unacknowledged peer writes are looked at, and the least wait before resending.
constexpr emu::Time kPeerRetransmitCheck = 200 * emu::kMillisecond;
/// At most this many writes go again per look (the peer takes them only in order).
constexpr std::size_t kPeerResendWindow = 4096;

DatabaseSettings primarySettings(const BuildContext& c) {
    DatabaseSettings s = databaseSettings(c.props);
    s.write = emu::ServiceTime(s.read.shape(), emu::fromMillis(c.props.number("write_ms")));
    return s;
}

ReplicationGroup::Mode replicationMode(const std::string& name) {
    if (name == "sync")
        return ReplicationGroup::Mode::Sync;
    if (name == "semi_sync")
        return ReplicationGroup::Mode::SemiSync;
    return ReplicationGroup::Mode::Async;
}

DbPrimary::Recovery recoveryOption(const std::string& name) {
    if (name == "recovery_script")
        return DbPrimary::Recovery::RecoveryScript;
    if (name == "multi_primary")
        return DbPrimary::Recovery::MultiPrimary;
    if (name == "circular")
        return DbPrimary::Recovery::Circular;
    return DbPrimary::Recovery::None;
}

} // namespace

DbPrimary::DbPrimary(emu::Simulation& sim, BuildContext& c)
    : DatabaseNode(sim, c.node.id.value, c.node.kind, primarySettings(c))
    , m_group(sim, *this, replicationMode(c.props.text("replication")),
              emu::fromMillis(c.props.number("semi_sync_timeout_ms")))
    , m_autoFailover(c.props.text("failover") == "auto")
    , m_detection(emu::fromSeconds(c.props.number("detection_s")))
    , m_promotion(emu::fromSeconds(c.props.number("promotion_s")))
    , m_recovery(recoveryOption(c.props.text("recovery")))
    , m_peerLag(emu::ServiceTime(emu::ServiceTime::Shape::Exponential,
                                 emu::fromMillis(c.props.number("peer_lag_ms"))),
                emu::kSecond, sim.stream(c.node.id.value, "peer_lag")) {
    m_group.memberChanged = [this](DatabaseNode& node, bool up) { memberChanged(node, up); };
    m_group.committed = [this](const LogEntry& e) {
        if (peerMode())
            sendToPeers(e, index());
    };
    m_group.promotionRequested = [this](DatabaseNode& candidate) { return promote(&candidate); };
}

void DbPrimary::start() {
    // Replicas linked to it follow it; writers linked to it are its peers.
    const NodeRoles& roles = m_sim.service<NodeRoles>();
    for (std::uint32_t l : outLinks()) {
        emu::Node& to = m_sim.node(m_sim.links()[l].to);
        if (roles.has(to.index(), design::roles::kReplica)) {
            if (auto* follower = dynamic_cast<contract::IReplicationFollower*>(&to))
                follower->joinReplication(m_group, l);
        } else if (roles.has(to.index(), design::roles::kWriter)) {
            if (auto* peer = dynamic_cast<contract::IPeerWriter*>(&to)) {
                PeerStream stream;
                stream.peer = peer;
                stream.node = &to;
                stream.link = l;
                m_peers.push_back(std::move(stream));
            }
        }
    }
    if (m_recovery == Recovery::Circular && m_peers.size() > 1)
        m_peers.resize(1); // a ring: each primary sends to the next one only
}

bool DbPrimary::peerMode() const {
    return (m_recovery == Recovery::MultiPrimary || m_recovery == Recovery::Circular) &&
           !m_peers.empty();
}

const DbPrimary::PeerStream* DbPrimary::healthyPeer() const {
    for (const PeerStream& p : m_peers)
        if (p.peer->servingWrites())
            return &p;
    return nullptr;
}

bool DbPrimary::servingWrites() const {
    return m_state == State::Serving && m_group.writer().isUp();
}

DatabaseNode& DbPrimary::writerCopy() const {
    return m_group.writer();
}

DatabaseNode* DbPrimary::writerNow() const {
    switch (m_state) {
    case State::Serving:
    case State::Down: // nobody has noticed yet: writes still go to it and fail
        return &m_group.writer();
    case State::Detected:
    case State::Promoting:
        if (peerMode())
            if (const PeerStream* peer = healthyPeer())
                return &peer->peer->writerCopy();
        return nullptr;
    }
    return nullptr;
}

emu::Node* DbPrimary::currentWriter() {
    return writerNow();
}

std::uint64_t DbPrimary::writerVersion(std::uint32_t key) const {
    const DatabaseNode* writer = writerNow();
    return writer ? writer->version(key) : 0;
}

emu::Node* DbPrimary::readTarget() {
    const auto& followers = m_group.followers();
    const std::size_t n = followers.size();
    for (std::size_t i = 0; i < n; ++i) {
        DatabaseNode* f = followers[(m_readRotation + i) % n];
        if (f->isUp() && !f->isWriter()) {
            m_readRotation = static_cast<std::uint32_t>((m_readRotation + i + 1) % n);
            return f;
        }
    }
    return currentWriter();
}

void DbPrimary::memberChanged(DatabaseNode& node, bool up) {
    if (!up) {
        if (&node == &m_group.writer())
            writerDown();
        else
            m_group.followersChanged();
        return;
    }
    if (&node == &m_group.writer()) {
        // The writer came back before anyone replaced it.
        cancelTimer(m_detectTimer);
        cancelTimer(m_promoteTimer);
        m_state = State::Serving;
        if (peerMode())
            for (const PeerStream& p : m_peers)
                if (p.peer->writerCopy().isUp())
                    node.mergeVersions(p.peer->writerCopy());
        m_group.resumeFollowers();
        return;
    }
    if (&node == m_unreplicatedHolder && m_recovery == Recovery::RecoveryScript)
        replayUnreplicated(node);
    node.follow();
    if (m_state == State::Detected && m_autoFailover && !peerMode())
        startPromotion(nullptr);
}

void DbPrimary::writerDown() {
    m_state = State::Down;
    cancelTimer(m_detectTimer);
    cancelTimer(m_promoteTimer);
    m_candidate = nullptr;
    m_group.writerFailed();
    if (peerMode() && &m_group.writer() == this) {
        // Writes waiting to go to the peers, or not acknowledged by them, are never sent
        // (again); the heir's share of those committed here counts as lost.
        m_unsentToPeers.clear();
        for (const PeerWrite& w : m_peerOutbox)
            if (w.origin == index())
                m_unsentToPeers.push_back(w.entry);
        m_peerOutbox.clear();
        for (PeerStream& p : m_peers)
            restart(p);
        cancelTimer(m_peerSendTimer);
        cancelTimer(m_retransmitTimer);
    }
    m_detectTimer = startCancellableTimer(m_detection, Detect);
}

void DbPrimary::detected() {
    m_state = State::Detected;
    m_sim.logEvent("detected_down", m_group.writer().id());
    if (peerMode()) {
        if (const PeerStream* heir = healthyPeer()) {
            // The truth rolls back to what the heir holds for the writes it never got.
            auto& truth = m_sim.service<VersionedData>();
            for (const LogEntry& e : m_unsentToPeers)
                if (truth.latest(e.key) == e.version)
                    truth.set(e.key, heir->peer->writerCopy().version(e.key));
            const std::uint64_t lost = m_unsentToPeers.size();
            m_sim.outcomes()[commonOutcomes(m_sim).lostWrites] += lost;
            m_lostWrites += lost;
            std::ostringstream detail;
            detail << "to=" << heir->node->id() << " lost_writes=" << lost;
            m_unsentToPeers.clear();
            m_sim.logEvent("failover", id(), detail.str());
        }
        return;
    }
    if (m_autoFailover)
        startPromotion(nullptr);
}

bool DbPrimary::startPromotion(DatabaseNode* candidate) {
    if (!candidate)
        candidate = m_group.mostUpToDate();
    if (!candidate) {
        m_sim.logEvent("failover", id(), "no healthy replica to promote");
        return false;
    }
    m_state = State::Promoting;
    m_candidate = candidate;
    m_sim.logEvent("failover", id(), "candidate=" + candidate->id());
    m_promoteTimer = startCancellableTimer(m_promotion, Promote);
    return true;
}

void DbPrimary::finishPromotion() {
    DatabaseNode* candidate =
        m_candidate && m_candidate->isUp() ? m_candidate : m_group.mostUpToDate();
    m_candidate = nullptr;
    if (!candidate) {
        m_state = State::Detected;
        m_sim.logEvent("failover", id(), "no healthy replica to promote");
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
    m_sim.outcomes()[commonOutcomes(m_sim).lostWrites] += lost.size();
    m_lostWrites += lost.size();
    m_state = State::Serving;
    std::ostringstream detail;
    detail << "from=" << old.id() << " lost_writes=" << lost.size();
    m_sim.logEvent("promoted", candidate->id(), detail.str());
}

void DbPrimary::replayUnreplicated(DatabaseNode& holder) {
    auto& truth = m_sim.service<VersionedData>();
    DatabaseNode& writer = m_group.writer();
    std::uint64_t conflicts = 0;
    for (const Unreplicated& u : m_unreplicated) {
        if (truth.latest(u.entry.key) != u.rolledBackTo)
            ++conflicts; // written again on the new primary since: a human must look at it
        const std::uint64_t base = writer.version(u.entry.key);
        const std::uint64_t version = truth.commit(u.entry.key);
        writer.setVersion(u.entry.key, version);
        m_group.appendCommitted(u.entry.key, version, base, now());
    }
    const std::uint64_t recovered = m_unreplicated.size();
    emu::Outcomes& counts = m_sim.outcomes();
    const CommonOutcomes& common = commonOutcomes(m_sim);
    counts[common.recoveredWrites] += recovered;
    counts[common.lostWrites] -= std::min(counts[common.lostWrites], recovered);
    counts[common.conflicts] += conflicts;
    m_recoveredWrites += recovered;
    m_conflicts += conflicts;
    m_unreplicated.clear();
    m_unreplicatedHolder = nullptr;
    std::ostringstream detail;
    detail << "recovered=" << recovered << " conflicts=" << conflicts;
    m_sim.logEvent("recovery_script", holder.id(), detail.str());
}

bool DbPrimary::promote(DatabaseNode* candidate) {
    if (m_state == State::Serving || m_state == State::Promoting || peerMode())
        return false;
    if (candidate && (!candidate->isUp() || candidate->group() != &m_group))
        return false;
    return startPromotion(candidate);
}

void DbPrimary::sendToPeers(const LogEntry& entry, std::uint32_t origin) {
    emu::Time sendAt = now() + m_peerLag.at(now());
    if (!m_peerOutbox.empty())
        sendAt = std::max(sendAt, m_peerOutbox.back().sendAt);
    m_peerOutbox.push_back({sendAt, entry, origin});
    if (m_peerOutbox.size() == 1)
        armPeerSend();
}

void DbPrimary::armPeerSend() {
    cancelTimer(m_peerSendTimer);
    if (!m_peerOutbox.empty())
        m_peerSendTimer = startCancellableTimer(
            std::max<emu::Time>(0, m_peerOutbox.front().sendAt - now()), PeerSend);
}

void DbPrimary::armPeerRetransmit() {
    if (m_retransmitTimer.valid())
        return;
    m_retransmitTimer = startCancellableTimer(kPeerRetransmitCheck, PeerRetransmit);
}

void DbPrimary::restart(PeerStream& stream) {
    stream.unacked.clear();
    ++stream.session;
    stream.nextSequence = 1;
}

void DbPrimary::sendDuePeerWrites() {
    while (!m_peerOutbox.empty() && m_peerOutbox.front().sendAt <= now()) {
        const PeerWrite w = m_peerOutbox.front();
        m_peerOutbox.pop_front();
        for (PeerStream& p : m_peers) {
            if (!p.node->isUp())
                continue; // it catches up from its peers when it returns
            const PeerWireWrite wire{p.nextSequence++,  w.entry.version, w.entry.baseVersion,
                                     w.entry.committed, w.entry.key,     w.origin,
                                     p.session};
            p.unacked.emplace_back(now(), wire);
            sendMessage(p.link, p.node->index(), kPeerWrite, wire);
            armPeerRetransmit();
        }
    }
    armPeerSend();
}

void DbPrimary::retransmitToPeers() {
    bool waiting = false;
    for (PeerStream& p : m_peers) {
        if (p.unacked.empty())
            continue;
        if (!p.node->isUp()) {
            restart(p); // the peer merges from its peers when it returns
            continue;
        }
        const emu::Link& l = m_sim.links()[p.link];
        const emu::Time timeout =
            kPeerRetransmitCheck + 2 * (l.latency + l.jitter + l.extraLatency);
        if (now() - p.unacked.front().first >= timeout) {
            // Go back to the oldest write not acknowledged; the peer takes them in order.
            std::size_t sent = 0;
            for (auto& [sentAt, wire] : p.unacked) {
                if (sent++ == kPeerResendWindow)
                    break;
                sentAt = now();
                ++m_peerResends;
                sendMessage(p.link, p.node->index(), kPeerWrite, wire);
            }
        }
        waiting = true;
    }
    if (waiting)
        armPeerRetransmit();
}

void DbPrimary::onMessage(const emu::Message& message) {
    if (message.tag == kPeerWrite) {
        receivePeerWrite(message);
        return;
    }
    if (message.tag == kPeerAck) {
        const auto ack = message.as<PeerAck>();
        for (PeerStream& p : m_peers)
            if (p.node->index() == message.from && p.session == ack.session)
                while (!p.unacked.empty() && p.unacked.front().second.sequence <= ack.through)
                    p.unacked.pop_front();
        return;
    }
    DatabaseNode::onMessage(message);
}

void DbPrimary::receivePeerWrite(const emu::Message& message) {
    const auto wire = message.as<PeerWireWrite>();
    PeerReceipt& receipt = m_peerReceipts[message.from];
    if (wire.session != receipt.session) {
        if (wire.session < receipt.session)
            return; // from before the sender started over
        receipt = {wire.session, 1};
    }
    if (wire.sequence == receipt.expected) {
        ++receipt.expected;
        deliverFromPeer({wire.key, wire.version, wire.baseVersion, wire.committed, true},
                        wire.origin);
    }
    // Acknowledges everything received in order (a gap: the sender goes back to it).
    sendMessage(message.link, message.from, kPeerAck,
                PeerAck{receipt.expected - 1, receipt.session});
}

void DbPrimary::deliverFromPeer(const LogEntry& e, std::uint32_t origin) {
    DatabaseNode& writer = m_group.writer();
    if (!writer.isUp())
        return; // this member is down: the write stops here
    ++m_peerWritesReceived;
    const std::uint64_t local = writer.version(e.key);
    if (e.version > local) {
        if (local != e.baseVersion) {
            // Both sides wrote the key without seeing each other: the newer write wins.
            ++m_conflicts;
            ++m_sim.outcomes()[commonOutcomes(m_sim).conflicts];
        }
        writer.setVersion(e.key, e.version);
        m_group.appendCommitted(e.key, e.version, local, e.committed);
    }
    if (m_recovery != Recovery::Circular || m_peers.empty())
        return;
    if (m_peers.front().node->index() == origin) {
        m_ringLagSumMs += emu::toMillis(now() - e.committed); // went all the way round
        ++m_ringLagCount;
        return;
    }
    sendToPeers(e, origin);
}

void DbPrimary::onTimer(std::uint32_t timer, std::uint64_t payload) {
    switch (timer) {
    case Detect:
        m_detectTimer = {};
        if (m_state == State::Down)
            detected();
        return;
    case Promote:
        m_promoteTimer = {};
        if (m_state == State::Promoting)
            finishPromotion();
        return;
    case PeerSend:
        m_peerSendTimer = {};
        sendDuePeerWrites();
        return;
    case PeerRetransmit:
        m_retransmitTimer = {};
        retransmitToPeers();
        return;
    default:
        DatabaseNode::onTimer(timer, payload);
        return;
    }
}

bool DbPrimary::applyProperty(const std::string& name, double value) {
    if (name == "promote")
        return promote(nullptr);
    if (name == "detection_s" && value >= 0) {
        m_detection = emu::fromSeconds(value);
        return true;
    }
    if (name == "promotion_s" && value >= 0) {
        m_promotion = emu::fromSeconds(value);
        return true;
    }
    return false;
}

void DbPrimary::collectMetrics(emu::MetricList& out) const {
    DatabaseNode::collectMetrics(out);
    out.emplace_back("replication_lag_ms", m_group.maxFollowerLagMs());
    out.emplace_back("lost_writes", static_cast<double>(m_lostWrites));
    out.emplace_back("recovered_writes", static_cast<double>(m_recoveredWrites));
    out.emplace_back("conflicts", static_cast<double>(m_conflicts));
    out.emplace_back("semi_sync_fallbacks", static_cast<double>(m_group.semiSyncFallbacks()));
    out.emplace_back("peer_writes_received", static_cast<double>(m_peerWritesReceived));
    out.emplace_back("peer_resends", static_cast<double>(m_peerResends));
    out.emplace_back("ring_lag_ms",
                     m_ringLagCount ? m_ringLagSumMs / static_cast<double>(m_ringLagCount) : 0.0);
    out.emplace_back("log_entries", static_cast<double>(m_group.log().size()));
}

} // namespace sb::comp
