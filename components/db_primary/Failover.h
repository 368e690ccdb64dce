#pragma once

#include "components/common/ReplicationLog.h"
#include "emulator/Kernel.h"
#include "emulator/Time.h"

#include <cstdint>
#include <vector>

namespace sb::comp {

class DatabaseNode;
class DbPrimary;
class PeerReplication;
class ReplicationGroup;

/// A primary's failover: it notices its group's writer down after the detection time and
/// promotes the most up-to-date follower (automatically, or on a promote command) after
/// the promotion time, counting the acknowledged writes the new writer never received.
/// With the recovery script it replays those when the old writer returns; with peer
/// primaries the writes go to a healthy peer instead of a promotion (PeerReplication).
class Failover {
public:
    enum class State { Serving, Down, Detected, Promoting };

    Failover(DbPrimary& owner, ReplicationGroup& group, PeerReplication& peers, bool automatic,
             emu::Time detection, emu::Time promotion, bool recoveryScript);

    State state() const { return m_state; }
    /// A member of the group failed or came back.
    void memberChanged(DatabaseNode& node, bool up);
    /// Starts promoting `candidate` (a follower) or, when null, the most up-to-date one.
    /// Refused while the writer is healthy, while a promotion runs and with peer primaries.
    bool promote(DatabaseNode* candidate);
    void setDetection(emu::Time t) { m_detection = t; }
    void setPromotion(emu::Time t) { m_promotion = t; }

    /// The failover timers; false for any other timer.
    bool onTimer(std::uint32_t timer);

    std::uint64_t lostWrites() const { return m_lostWrites; }
    std::uint64_t recoveredWrites() const { return m_recoveredWrites; }
    std::uint64_t conflicts() const { return m_conflicts; }

private:
    struct Unreplicated {
        LogEntry entry;
        std::uint64_t rolledBackTo; ///< the version the promoted replica held
    };

    void writerDown();
    void detected();
    bool startPromotion(DatabaseNode* candidate);
    void finishPromotion();
    void replayUnreplicated(DatabaseNode& holder);

    DbPrimary& m_owner;
    ReplicationGroup& m_group;
    PeerReplication& m_peers;
    bool m_automatic;
    emu::Time m_detection, m_promotion;
    bool m_recoveryScript;
    State m_state = State::Serving;
    /// Cancelled when the writer fails again or returns.
    emu::TimerHandle m_detectTimer, m_promoteTimer;
    DatabaseNode* m_candidate = nullptr;
    DatabaseNode* m_unreplicatedHolder = nullptr;
    std::vector<Unreplicated> m_unreplicated;
    std::uint64_t m_lostWrites = 0, m_recoveredWrites = 0, m_conflicts = 0;
};

} // namespace sb::comp
