#pragma once

#include "components/common/DatabaseNode.h"
#include "components/common/ReplicationGroup.h"
#include "components/contract/IPeerWriter.h"
#include "components/contract/IWriteEndpoint.h"
#include "components/registry/BuildContext.h"

#include <deque>
#include <unordered_map>
#include <vector>

namespace sb::comp {

/// A primary database: takes the writes of its replication group and streams them to the
/// replicas it links to; detects its own failure and promotes the most up-to-date replica
/// (automatically after the detection time, or on a "promote" command), counting the
/// acknowledged writes the new primary never received. Recovery options: a recovery script
/// replays those writes when the old primary returns; multi-primary and circular
/// replication keep writing on peer primaries it links to and count conflicting writes.
/// Peer writes travel as messages over those links after the peer lag, numbered per peer;
/// the peer acknowledges them and what is not acknowledged in time is sent again, so a
/// lossy, slowed or cut link delays them and none is lost to it.
class DbPrimary final : public DatabaseNode,
                        public contract::IWriteEndpoint,
                        public contract::IPeerWriter {
public:
    enum class Recovery { None, RecoveryScript, MultiPrimary, Circular };

    DbPrimary(emu::Simulation& sim, BuildContext& context);

    void start() override;
    emu::Node* currentWriter() override;
    emu::Node* readTarget() override;
    std::uint64_t writerVersion(std::uint32_t key) const override;
    bool servingWrites() const override;
    DatabaseNode& writerCopy() const override;
    bool applyProperty(const std::string& name, double value) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    void onMessage(const emu::Message& message) override;
    void collectMetrics(emu::MetricList& out) const override;

    ReplicationGroup& replication() { return m_group; }
    /// Starts promoting `candidate` (a follower) or, when null, the most up-to-date one.
    /// Refused while the writer is healthy.
    bool promote(DatabaseNode* candidate);

private:
    enum Timer : std::uint32_t { Detect = FirstKindTimer, Promote, PeerSend, PeerRetransmit };
    enum class State { Serving, Down, Detected, Promoting };
    /// A write waiting out the peer lag before it is sent to the peers.
    struct PeerWrite {
        emu::Time sendAt;
        LogEntry entry;
        std::uint32_t origin; ///< node index of the primary that committed it
    };
    /// A peer write on the wire: the message body.
    struct PeerWireWrite {
        std::uint64_t sequence;
        std::uint64_t version, baseVersion;
        emu::Time committed;
        std::uint32_t key, origin, session;
    };
    struct PeerAck {
        std::uint64_t through;
        std::uint32_t session;
    };
    /// This primary's stream to one peer: what it sent and the peer has not acknowledged.
    struct PeerStream {
        contract::IPeerWriter* peer = nullptr;
        emu::Node* node = nullptr; ///< the peer itself
        std::uint32_t link = 0;
        std::uint32_t session = 1; ///< starts again when the unacknowledged writes are dropped
        std::uint64_t nextSequence = 1;
        std::deque<std::pair<emu::Time, PeerWireWrite>> unacked; ///< with when last sent
    };
    /// What this primary received in order from one sender.
    struct PeerReceipt {
        std::uint32_t session = 0;
        std::uint64_t expected = 1;
    };
    struct Unreplicated {
        LogEntry entry;
        std::uint64_t rolledBackTo; ///< the version the promoted replica held
    };

    void memberChanged(DatabaseNode& node, bool up);
    void writerDown();
    void detected();
    bool startPromotion(DatabaseNode* candidate);
    void finishPromotion();
    void replayUnreplicated(DatabaseNode& holder);
    bool peerMode() const;
    const PeerStream* healthyPeer() const;
    /// The copy taking this data's writes now, or null during a failover.
    DatabaseNode* writerNow() const;
    void sendToPeers(const LogEntry& entry, std::uint32_t origin);
    void deliverFromPeer(const LogEntry& entry, std::uint32_t origin);
    void receivePeerWrite(const emu::Message& message);
    void sendDuePeerWrites();
    void retransmitToPeers();
    void armPeerSend();
    void armPeerRetransmit();
    /// This primary stopped (or its peer did): what was not acknowledged will not be sent.
    static void restart(PeerStream& stream);

    ReplicationGroup m_group;
    bool m_autoFailover;
    emu::Time m_detection, m_promotion;
    Recovery m_recovery;
    LagProcess m_peerLag;
    State m_state = State::Serving;
    /// Cancelled when the writer fails again or returns.
    emu::TimerHandle m_detectTimer, m_promoteTimer;
    DatabaseNode* m_candidate = nullptr;
    DatabaseNode* m_unreplicatedHolder = nullptr;
    std::vector<Unreplicated> m_unreplicated;
    std::uint64_t m_lostWrites = 0, m_recoveredWrites = 0, m_conflicts = 0;
    std::uint32_t m_readRotation = 0;
    // Peer primaries (multi-primary: all linked primaries; circular: the next one).
    std::vector<PeerStream> m_peers;
    std::deque<PeerWrite> m_peerOutbox;
    std::unordered_map<std::uint32_t, PeerReceipt> m_peerReceipts; ///< by sender node index
    emu::TimerHandle m_peerSendTimer, m_retransmitTimer; ///< cancelled when this writer fails
    std::uint64_t m_peerResends = 0;
    std::vector<LogEntry> m_unsentToPeers; ///< acknowledged writes cut off by this failure
    std::uint64_t m_peerWritesReceived = 0;
    double m_ringLagSumMs = 0;
    std::uint64_t m_ringLagCount = 0;
};

} // namespace sb::comp
