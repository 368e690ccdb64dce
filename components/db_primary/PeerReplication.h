#pragma once

#include "components/common/LagProcess.h"
#include "components/common/ReplicationLog.h"
#include "emulator/Kernel.h"
#include "emulator/Message.h"
#include "emulator/Node.h"

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sb::comp {

class DatabaseNode;
class DbPrimary;
class ReplicationGroup;
namespace contract {
class IPeerWriter;
}

/// A primary's replication with its peer primaries (the multi-primary and circular
/// recovery options). The writes it commits travel to its peers as messages over their
/// links after the peer lag, numbered per peer; the peer acknowledges them and what is not
/// acknowledged in time is sent again, so a lossy, slowed or cut link delays them and none
/// is lost to it. A ring sends to the next primary only and passes on what it receives
/// from others. Writes it receives from peers apply to its group's writer whatever its own
/// option, and count a conflict when both sides wrote the key without seeing each other.
class PeerReplication {
public:
    enum class Mode { Off, Multi, Ring };

    PeerReplication(DbPrimary& owner, ReplicationGroup& group, Mode mode, LagProcess lag);

    /// A writer at the end of one of the owner's links (a ring keeps the first only).
    void addPeer(contract::IPeerWriter& peer, emu::Node& node, std::uint32_t link);
    /// Whether writes go to peers: a peer option and at least one peer.
    bool active() const { return m_mode != Mode::Off && !m_peers.empty(); }
    /// The first peer that takes writes now, or null.
    contract::IPeerWriter* healthyPeer() const;

    /// The owner's writer committed `entry`: it goes to the peers after the peer lag.
    void committed(const LogEntry& entry);
    /// The owner itself failed: writes not yet sent or acknowledged are never sent (again)
    /// and are kept to count as lost when a peer takes over (takeOver).
    void ownerFailed();
    /// The owner's writer was found down and a healthy peer takes its writes: the truth
    /// rolls back to what that peer holds for the writes it never got, counted as lost.
    /// Nothing changes when no peer is healthy.
    void takeOver();
    /// Brings a returning writer's copy up to date with the peers that are up.
    void mergePeersInto(DatabaseNode& copy) const;

    /// The peer messages (writes and acknowledgements); false for any other message.
    bool onMessage(const emu::Message& message);
    /// The peer timers; false for any other timer.
    bool onTimer(std::uint32_t timer);

    std::uint64_t lostWrites() const { return m_lostWrites; }
    std::uint64_t conflicts() const { return m_conflicts; }
    std::uint64_t writesReceived() const { return m_writesReceived; }
    std::uint64_t resends() const { return m_resends; }
    /// The mean time a write took all the way round a ring, in ms (0 before the first).
    double ringLagMs() const {
        return m_ringLagCount ? m_ringLagSumMs / static_cast<double>(m_ringLagCount) : 0.0;
    }

private:
    /// A write waiting out the peer lag before it is sent to the peers.
    struct PendingWrite {
        emu::Time sendAt;
        LogEntry entry;
        std::uint32_t origin; ///< node index of the primary that committed it
    };
    /// A peer write on the wire: the message body.
    struct WireWrite {
        std::uint64_t sequence;
        std::uint64_t version, baseVersion;
        emu::Time committed;
        std::uint32_t key, origin, session;
    };
    struct Ack {
        std::uint64_t through;
        std::uint32_t session;
    };
    /// The stream to one peer: what was sent and the peer has not acknowledged.
    struct Stream {
        contract::IPeerWriter* peer = nullptr;
        emu::Node* node = nullptr; ///< the peer itself
        std::uint32_t link = 0;
        std::uint32_t session = 1; ///< starts again when the unacknowledged writes are dropped
        std::uint64_t nextSequence = 1;
        std::deque<std::pair<emu::Time, WireWrite>> unacked; ///< with when last sent
    };
    /// What was received in order from one sender.
    struct Receipt {
        std::uint32_t session = 0;
        std::uint64_t expected = 1;
    };

    const Stream* healthyStream() const;
    void enqueue(const LogEntry& entry, std::uint32_t origin);
    void deliver(const LogEntry& entry, std::uint32_t origin);
    void receiveWrite(const emu::Message& message);
    void sendDue();
    void retransmit();
    void armSend();
    void armRetransmit();
    /// The owner stopped (or its peer did): what was not acknowledged will not be sent.
    static void restart(Stream& stream);

    DbPrimary& m_owner;
    ReplicationGroup& m_group;
    Mode m_mode;
    LagProcess m_lag;
    std::vector<Stream> m_peers;
    std::deque<PendingWrite> m_outbox;
    std::unordered_map<std::uint32_t, Receipt> m_receipts; ///< by sender node index
    emu::TimerHandle m_sendTimer, m_retransmitTimer;       ///< cancelled when the owner fails
    std::vector<LogEntry> m_unsent; ///< acknowledged writes cut off by the owner's failure
    std::uint64_t m_lostWrites = 0, m_conflicts = 0, m_writesReceived = 0, m_resends = 0;
    double m_ringLagSumMs = 0;
    std::uint64_t m_ringLagCount = 0;
};

} // namespace sb::comp
