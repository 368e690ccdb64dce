#include "components/db_primary/DbPrimary.h"

#include "components/common/NodeRoles.h"
#include "design/Roles.h"
#include "emulator/Simulation.h"

namespace sb::comp {

namespace {

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

PeerReplication::Mode peerMode(const std::string& recovery) {
    if (recovery == "multi_primary")
        return PeerReplication::Mode::Multi;
    if (recovery == "circular")
        return PeerReplication::Mode::Ring;
    return PeerReplication::Mode::Off;
}

} // namespace

DbPrimary::DbPrimary(emu::Simulation& sim, BuildContext& c)
    : DatabaseNode(sim, c.node.id.value, c.node.kind, primarySettings(c))
    , m_group(sim, *this, replicationMode(c.props.text("replication")),
              emu::fromMillis(c.props.number("semi_sync_timeout_ms")))
    , m_peers(*this, m_group, peerMode(c.props.text("recovery")),
              LagProcess(emu::ServiceTime(emu::ServiceTime::Shape::Exponential,
                                          emu::fromMillis(c.props.number("peer_lag_ms"))),
                         emu::kSecond, sim.stream(c.node.id.value, "peer_lag")))
    , m_failover(*this, m_group, m_peers, c.props.text("failover") == "auto",
                 emu::fromSeconds(c.props.number("detection_s")),
                 emu::fromSeconds(c.props.number("promotion_s")),
                 c.props.text("recovery") == "recovery_script") {
    m_group.memberChanged = [this](DatabaseNode& node, bool up) {
        m_failover.memberChanged(node, up);
    };
    m_group.committed = [this](const LogEntry& e) { m_peers.committed(e); };
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
            if (auto* peer = dynamic_cast<contract::IPeerWriter*>(&to))
                m_peers.addPeer(*peer, to, l);
        }
    }
}

bool DbPrimary::servingWrites() const {
    return m_failover.state() == Failover::State::Serving && m_group.writer().isUp();
}

DatabaseNode& DbPrimary::writerCopy() const {
    return m_group.writer();
}

DatabaseNode* DbPrimary::writerNow() const {
    switch (m_failover.state()) {
    case Failover::State::Serving:
    case Failover::State::Down: // nobody has noticed yet: writes still go to it and fail
        return &m_group.writer();
    case Failover::State::Detected:
    case Failover::State::Promoting:
        if (m_peers.active())
            if (contract::IPeerWriter* peer = m_peers.healthyPeer())
                return &peer->writerCopy();
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

bool DbPrimary::promote(DatabaseNode* candidate) {
    return m_failover.promote(candidate);
}

void DbPrimary::onMessage(const emu::Message& message) {
    if (!m_peers.onMessage(message))
        DatabaseNode::onMessage(message);
}

void DbPrimary::onTimer(std::uint32_t timer, std::uint64_t payload) {
    if (!m_failover.onTimer(timer) && !m_peers.onTimer(timer))
        DatabaseNode::onTimer(timer, payload);
}

bool DbPrimary::applyProperty(const std::string& name, double value) {
    if (name == "promote")
        return promote(nullptr);
    if (name == "detection_s" && value >= 0) {
        m_failover.setDetection(emu::fromSeconds(value));
        return true;
    }
    if (name == "promotion_s" && value >= 0) {
        m_failover.setPromotion(emu::fromSeconds(value));
        return true;
    }
    return false;
}

void DbPrimary::collectMetrics(emu::MetricList& out) const {
    DatabaseNode::collectMetrics(out);
    out.emplace_back("replication_lag_ms", m_group.maxFollowerLagMs());
    out.emplace_back("lost_writes",
                     static_cast<double>(m_failover.lostWrites() + m_peers.lostWrites()));
    out.emplace_back("recovered_writes", static_cast<double>(m_failover.recoveredWrites()));
    out.emplace_back("conflicts",
                     static_cast<double>(m_failover.conflicts() + m_peers.conflicts()));
    out.emplace_back("semi_sync_fallbacks", static_cast<double>(m_group.semiSyncFallbacks()));
    out.emplace_back("peer_writes_received", static_cast<double>(m_peers.writesReceived()));
    out.emplace_back("peer_resends", static_cast<double>(m_peers.resends()));
    out.emplace_back("ring_lag_ms", m_peers.ringLagMs());
    out.emplace_back("log_entries", static_cast<double>(m_group.log().size()));
}

} // namespace sb::comp
