#include "components/db_primary/PeerReplication.h"

#include "components/common/CommonOutcomes.h"
#include "components/common/ReplicationMessage.h"
#include "components/common/VersionedData.h"
#include "components/contract/IPeerWriter.h"
#include "components/db_primary/DbPrimary.h"
#include "emulator/Simulation.h"

#include <algorithm>
#include <sstream>

namespace sb::comp {

namespace {
/// How often unacknowledged peer writes are looked at, and the least wait before resending.
constexpr emu::Time kPeerRetransmitCheck = 200 * emu::kMillisecond;
/// At most this many writes go again per look (the peer takes them only in order).
constexpr std::size_t kPeerResendWindow = 4096;
} // namespace

PeerReplication::PeerReplication(DbPrimary& owner, ReplicationGroup& group, Mode mode,
                                 LagProcess lag)
    : m_owner(owner)
    , m_group(group)
    , m_mode(mode)
    , m_lag(std::move(lag)) {}

void PeerReplication::addPeer(contract::IPeerWriter& peer, emu::Node& node, std::uint32_t link) {
    if (m_mode == Mode::Ring && !m_peers.empty())
        return; // a ring: each primary sends to the next one only
    Stream stream;
    stream.peer = &peer;
    stream.node = &node;
    stream.link = link;
    m_peers.push_back(std::move(stream));
}

const PeerReplication::Stream* PeerReplication::healthyStream() const {
    for (const Stream& p : m_peers)
        if (p.peer->servingWrites())
            return &p;
    return nullptr;
}

contract::IPeerWriter* PeerReplication::healthyPeer() const {
    const Stream* s = healthyStream();
    return s ? s->peer : nullptr;
}

void PeerReplication::committed(const LogEntry& entry) {
    if (active())
        enqueue(entry, m_owner.index());
}

void PeerReplication::ownerFailed() {
    if (!active() || &m_group.writer() != &m_owner)
        return;
    // Writes waiting to go to the peers, or not acknowledged by them, are never sent
    // (again); the heir's share of those committed here counts as lost.
    m_unsent.clear();
    for (const PendingWrite& w : m_outbox)
        if (w.origin == m_owner.index())
            m_unsent.push_back(w.entry);
    m_outbox.clear();
    for (Stream& p : m_peers)
        restart(p);
    m_owner.cancelTimer(m_sendTimer);
    m_owner.cancelTimer(m_retransmitTimer);
}

void PeerReplication::takeOver() {
    const Stream* heir = healthyStream();
    if (!heir)
        return;
    emu::Simulation& sim = m_owner.m_sim;
    // The truth rolls back to what the heir holds for the writes it never got.
    auto& truth = sim.service<VersionedData>();
    for (const LogEntry& e : m_unsent)
        if (truth.latest(e.key) == e.version)
            truth.set(e.key, heir->peer->writerCopy().version(e.key));
    const std::uint64_t lost = m_unsent.size();
    sim.outcomes()[commonOutcomes(sim).lostWrites] += lost;
    m_lostWrites += lost;
    std::ostringstream detail;
    detail << "to=" << heir->node->id() << " lost_writes=" << lost;
    m_unsent.clear();
    sim.logEvent("failover", m_owner.id(), detail.str());
}

void PeerReplication::mergePeersInto(DatabaseNode& copy) const {
    if (!active())
        return;
    for (const Stream& p : m_peers)
        if (p.peer->writerCopy().isUp())
            copy.mergeVersions(p.peer->writerCopy());
}

void PeerReplication::enqueue(const LogEntry& entry, std::uint32_t origin) {
    const emu::Time now = m_owner.now();
    emu::Time sendAt = now + m_lag.at(now);
    if (!m_outbox.empty())
        sendAt = std::max(sendAt, m_outbox.back().sendAt);
    m_outbox.push_back({sendAt, entry, origin});
    if (m_outbox.size() == 1)
        armSend();
}

void PeerReplication::armSend() {
    m_owner.cancelTimer(m_sendTimer);
    if (!m_outbox.empty())
        m_sendTimer = m_owner.startCancellableTimer(
            std::max<emu::Time>(0, m_outbox.front().sendAt - m_owner.now()), DbPrimary::PeerSend);
}

void PeerReplication::armRetransmit() {
    if (m_retransmitTimer.valid())
        return;
    m_retransmitTimer =
        m_owner.startCancellableTimer(kPeerRetransmitCheck, DbPrimary::PeerRetransmit);
}

void PeerReplication::restart(Stream& stream) {
    stream.unacked.clear();
    ++stream.session;
    stream.nextSequence = 1;
}

void PeerReplication::sendDue() {
    const emu::Time now = m_owner.now();
    while (!m_outbox.empty() && m_outbox.front().sendAt <= now) {
        const PendingWrite w = m_outbox.front();
        m_outbox.pop_front();
        for (Stream& p : m_peers) {
            if (!p.node->isUp())
                continue; // it catches up from its peers when it returns
            const WireWrite wire{p.nextSequence++,  w.entry.version, w.entry.baseVersion,
                                 w.entry.committed, w.entry.key,     w.origin,
                                 p.session};
            p.unacked.emplace_back(now, wire);
            m_owner.sendMessage(p.link, p.node->index(), kPeerWrite, wire);
            armRetransmit();
        }
    }
    armSend();
}

void PeerReplication::retransmit() {
    const emu::Time now = m_owner.now();
    bool waiting = false;
    for (Stream& p : m_peers) {
        if (p.unacked.empty())
            continue;
        if (!p.node->isUp()) {
            restart(p); // the peer merges from its peers when it returns
            continue;
        }
        const emu::Link& l = m_owner.m_sim.links()[p.link];
        const emu::Time timeout =
            kPeerRetransmitCheck + 2 * (l.latency + l.jitter + l.extraLatency);
        if (now - p.unacked.front().first >= timeout) {
            // Go back to the oldest write not acknowledged; the peer takes them in order.
            std::size_t sent = 0;
            for (auto& [sentAt, wire] : p.unacked) {
                if (sent++ == kPeerResendWindow)
                    break;
                sentAt = now;
                ++m_resends;
                m_owner.sendMessage(p.link, p.node->index(), kPeerWrite, wire);
            }
        }
        waiting = true;
    }
    if (waiting)
        armRetransmit();
}

bool PeerReplication::onMessage(const emu::Message& message) {
    if (message.tag == kPeerWrite) {
        receiveWrite(message);
        return true;
    }
    if (message.tag == kPeerAck) {
        const auto ack = message.as<Ack>();
        for (Stream& p : m_peers)
            if (p.node->index() == message.from && p.session == ack.session)
                while (!p.unacked.empty() && p.unacked.front().second.sequence <= ack.through)
                    p.unacked.pop_front();
        return true;
    }
    return false;
}

void PeerReplication::receiveWrite(const emu::Message& message) {
    const auto wire = message.as<WireWrite>();
    Receipt& receipt = m_receipts[message.from];
    if (wire.session != receipt.session) {
        if (wire.session < receipt.session)
            return; // from before the sender started over
        receipt = {wire.session, 1};
    }
    if (wire.sequence == receipt.expected) {
        ++receipt.expected;
        deliver({wire.key, wire.version, wire.baseVersion, wire.committed, true}, wire.origin);
    }
    // Acknowledges everything received in order (a gap: the sender goes back to it).
    m_owner.sendMessage(message.link, message.from, kPeerAck,
                        Ack{receipt.expected - 1, receipt.session});
}

void PeerReplication::deliver(const LogEntry& e, std::uint32_t origin) {
    DatabaseNode& writer = m_group.writer();
    if (!writer.isUp())
        return; // this member is down: the write stops here
    ++m_writesReceived;
    const std::uint64_t local = writer.version(e.key);
    if (e.version > local) {
        if (local != e.baseVersion) {
            // Both sides wrote the key without seeing each other: the newer write wins.
            ++m_conflicts;
            ++m_owner.m_sim.outcomes()[commonOutcomes(m_owner.m_sim).conflicts];
        }
        writer.setVersion(e.key, e.version);
        m_group.appendCommitted(e.key, e.version, local, e.committed);
    }
    if (m_mode != Mode::Ring || m_peers.empty())
        return;
    if (m_peers.front().node->index() == origin) {
        m_ringLagSumMs += emu::toMillis(m_owner.now() - e.committed); // went all the way round
        ++m_ringLagCount;
        return;
    }
    enqueue(e, origin);
}

bool PeerReplication::onTimer(std::uint32_t timer) {
    switch (timer) {
    case DbPrimary::PeerSend:
        m_sendTimer = {};
        sendDue();
        return true;
    case DbPrimary::PeerRetransmit:
        m_retransmitTimer = {};
        retransmit();
        return true;
    default:
        return false;
    }
}

} // namespace sb::comp
