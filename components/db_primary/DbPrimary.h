#pragma once

#include "components/common/DataTier.h"
#include "components/db_primary/DatabaseNode.h"
#include "components/db_primary/ReplicationGroup.h"
#include "components/registry/BuildContext.h"

#include <deque>
#include <vector>

namespace sb::comp {

/// A primary database: takes the writes of its replication group and streams them to the
/// replicas it links to; detects its own failure and promotes the most up-to-date replica
/// (automatically after the detection time, or on a "promote" command), counting the
/// acknowledged writes the new primary never received. Recovery options: a recovery script
/// replays those writes when the old primary returns; multi-primary and circular
/// replication keep writing on peer primaries it links to and count conflicting writes.
class DbPrimary final : public DatabaseNode, public PrimaryEndpoint {
public:
    enum class Recovery { None, RecoveryScript, MultiPrimary, Circular };

    DbPrimary(emu::Simulation& sim, BuildContext& context);

    void start() override;
    emu::Node* currentPrimary() override;
    bool applyProperty(const std::string& name, double value) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    void collectMetrics(emu::MetricList& out) const override;

    ReplicationGroup& replication() { return m_group; }
    /// Where a read of this data goes: a healthy follower (rotating; it may lag), else the
    /// current writer; null when neither is reachable.
    emu::Node* readTarget();
    /// Starts promoting `candidate` (a follower) or, when null, the most up-to-date one.
    /// Refused while the writer is healthy.
    bool promote(DatabaseNode* candidate);

private:
    enum Timer : std::uint32_t { Detect = FirstKindTimer, Promote, PeerDelivery };
    enum class State { Serving, Down, Detected, Promoting };
    struct PeerWrite {
        emu::Time arrives;
        LogEntry entry;
        std::uint32_t origin; ///< node index of the primary that committed it
        std::uint32_t sender; ///< node index of the primary that sent it on this hop
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
    DbPrimary* healthyPeer() const;
    void sendToPeers(const LogEntry& entry, std::uint32_t origin);
    void deliverFromPeer(const PeerWrite& w);
    /// Removes writes `sender` sent here; returns those `origin` committed.
    std::vector<LogEntry> dropPeerWritesFrom(std::uint32_t sender, std::uint32_t origin);
    void armPeerDelivery();

    ReplicationGroup m_group;
    bool m_autoFailover;
    emu::Time m_detection, m_promotion;
    Recovery m_recovery;
    LagProcess m_peerLag;
    State m_state = State::Serving;
    std::uint32_t m_failEpoch = 0;
    DatabaseNode* m_candidate = nullptr;
    DatabaseNode* m_unreplicatedHolder = nullptr;
    std::vector<Unreplicated> m_unreplicated;
    std::uint64_t m_lostWrites = 0, m_recoveredWrites = 0, m_conflicts = 0;
    std::uint32_t m_readRotation = 0;
    // Peer primaries (multi-primary: all linked primaries; circular: the next one).
    std::vector<std::pair<DbPrimary*, emu::Time>> m_peers;
    std::deque<PeerWrite> m_peerInbox;
    std::uint32_t m_peerEpoch = 0;
    std::vector<LogEntry> m_unsentToPeers; ///< acknowledged writes cut off by this failure
    std::uint64_t m_peerWritesReceived = 0;
    double m_ringLagSumMs = 0;
    std::uint64_t m_ringLagCount = 0;
};

} // namespace sb::comp
