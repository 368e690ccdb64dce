#pragma once

#include "components/common/ReplicationLog.h"
#include "emulator/Simulation.h"

#include <functional>
#include <map>
#include <unordered_map>
#include <vector>

namespace sb::comp {

class DatabaseNode;

/// A writer and the copies that follow it: the replication log, streaming to followers over
/// their links, acknowledgement by mode (async at commit, semi-sync after one follower or a
/// timeout, sync after every healthy follower) and promotion of a follower to writer.
class ReplicationGroup {
public:
    enum class Mode { Async, SemiSync, Sync };

    ReplicationGroup(emu::Simulation& sim, DatabaseNode& writer, Mode mode,
                     emu::Time semiSyncTimeout);

    DatabaseNode& writer() const { return *m_writer; }
    const std::vector<DatabaseNode*>& followers() const { return m_followers; }
    const ReplicationLog& log() const { return m_log; }
    /// Adds a follower reached over `link` (the link from the group's primary to it).
    void addFollower(DatabaseNode& follower, std::uint32_t link);
    /// Numbers the writers: a new term starts when a follower is promoted.
    std::uint32_t term() const { return m_term; }
    /// The link the log travels between two members: the follower's own link to the group
    /// (either end may be the follower), or UINT32_MAX when neither has one.
    std::uint32_t linkBetween(const DatabaseNode& a, const DatabaseNode& b) const;
    /// True when commits wait for followers (semi-sync, sync): followers then report back.
    bool waitsForFollowers() const { return m_mode != Mode::Async; }

    /// A client write finished service on the writer: commits it, streams it and answers
    /// the client when the mode allows.
    void commit(std::uint32_t request);
    /// Appends a write already committed elsewhere (a peer primary, a shard migration, a
    /// replayed write) and streams it; it counts as acknowledged.
    void appendCommitted(std::uint32_t key, std::uint64_t version, std::uint64_t baseVersion,
                         emu::Time committed);
    /// A follower reported it applied every entry through `index`.
    void appliedThrough(const emu::Node& follower, std::uint64_t index);
    /// Semi-sync: no follower confirmed `index` in time; acknowledge it anyway.
    void ackTimedOut(std::uint64_t index);

    /// The writer failed: streams are cut and writes waiting for followers fail.
    void writerFailed();
    /// A follower failed or came back: waiting writes need only the healthy followers.
    void followersChanged();
    /// The healthy follower holding the most of the log, or null.
    DatabaseNode* mostUpToDate() const;
    /// Makes `candidate` the writer and the old writer a follower. Returns the writes the
    /// candidate never received (removed from the log); the truth rolls back to what it holds.
    std::vector<LogEntry> promote(DatabaseNode& candidate);
    /// Every healthy follower catches up with the writer and streams again.
    void resumeFollowers();
    /// Member failed (false) or recovered (true); set by the owning primary.
    std::function<void(DatabaseNode&, bool)> memberChanged;
    /// A follower asks to be promoted (a manual failover); set by the owning writer, which
    /// answers whether the promotion starts.
    std::function<bool(DatabaseNode&)> promotionRequested;
    /// Called after every local commit (peers replicate it).
    std::function<void(const LogEntry&)> committed;

    std::uint64_t semiSyncFallbacks() const { return m_semiSyncFallbacks; }
    /// Longest current lag among followers, in ms.
    double maxFollowerLagMs() const;

private:
    struct Waiting {
        DatabaseNode* holder;
        std::uint64_t handle;
        int need;
        int got;
    };
    std::uint64_t append(const LogEntry& entry);
    void acknowledge(std::uint64_t index);
    int streamingFollowers() const;
    void trim();

    emu::Simulation& m_sim;
    DatabaseNode* m_writer;
    Mode m_mode;
    emu::Time m_semiSyncTimeout;
    std::vector<DatabaseNode*> m_followers;
    std::unordered_map<std::uint32_t, std::uint64_t> m_reported; ///< applied, by node index
    ReplicationLog m_log;
    std::uint32_t m_term = 1;
    std::map<std::uint64_t, Waiting> m_waiting;
    std::uint64_t m_semiSyncFallbacks = 0;
    std::uint32_t m_sinceTrim = 0;
};

} // namespace sb::comp
