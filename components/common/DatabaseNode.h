#pragma once

#include "components/common/LagProcess.h"
#include "components/common/ReplicationMessage.h"
#include "components/contract/IReplicationFollower.h"
#include "design/PropertyValues.h"
#include "emulator/Node.h"
#include "emulator/ServiceTime.h"
#include "emulator/Station.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace sb::comp {

class ReplicationGroup;

/// How a database copy serves and follows.
struct DatabaseSettings {
    int workers = 16;
    std::int64_t queueLimit = 1000;
    emu::ServiceTime read;
    emu::ServiceTime write;
    LagProcess lag;                    ///< extra delay before a streamed write arrives
    double catchUpOpsPerSecond = 5000; ///< log entries applied per second when catching up
};

/// The settings every database kind reads from its properties (workers, queue_limit,
/// catch_up_ops, read_ms shaped by service_dist); the kind fills in write and lag.
DatabaseSettings databaseSettings(const design::PropertyValues& props);

/// What the database kinds (a writer, its replicas) share: a station serving reads and writes, the
/// version of every key this copy holds, and both sides of replication over the links. The writer
/// streams each committed entry to its followers as a message; a follower applies them in
/// order after the lag. Messages take the link's latency and may be lost or cut off, so a
/// follower that finds a gap (or rejoins) fetches the log from the position after the last
/// entry it holds, retrying until the writer answers, and replays it at its catch-up rate.
class DatabaseNode : public emu::Node,
                     public emu::StationClient,
                     public contract::IReplicationFollower {
public:
    DatabaseNode(emu::Simulation& sim, std::string id, std::string kind, DatabaseSettings settings);

    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onMessage(const emu::Message& message) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    void serviceDone(std::uint32_t request, std::uint32_t tag) override;
    void serviceFailed(std::uint32_t request, std::uint32_t tag, emu::FailReason reason) override;
    void collectMetrics(emu::MetricList& out) const override;
    bool joinReplication(ReplicationGroup& group, std::uint32_t link) override;

    std::uint64_t version(std::uint32_t key) const {
        return key < m_versions.size() ? m_versions[key] : 0;
    }
    void setVersion(std::uint32_t key, std::uint64_t version);
    /// Keeps the newer of the held and the given version of every key of `other`.
    void mergeVersions(const DatabaseNode& other);

    ReplicationGroup* group() const { return m_group; }
    bool isWriter() const { return m_writer; }
    bool isStreaming() const { return m_follow == Follow::Streaming; }
    std::uint64_t applied() const { return m_applied; }
    /// Current replication lag: age of the oldest committed write not applied here.
    double lagMs() const;

    // Driven by the replication group.
    void joinGroup(ReplicationGroup& group) { m_group = &group; }
    void becomeWriter();
    /// Follows the group's writer: catches up from the log, then streams.
    void follow();
    /// As the writer: sends log entry `index` to `follower` over their link.
    void stream(const DatabaseNode& follower, std::uint64_t index);
    /// The writer died: streamed writes received but not applied yet are lost.
    void cutStream();
    /// Takes a snapshot of `source` as of log position `index` (restore or re-clone).
    void cloneFrom(const DatabaseNode& source, std::uint64_t index);
    void markApplied(std::uint64_t index) { m_applied = index; }
    /// Its data left the group's history (a demoted writer): the next follow() re-clones.
    void markDiverged() { m_diverged = true; }
    /// The link that joins this copy to its group (from the primary it was drawn linked to).
    void setReplicationLink(std::uint32_t link) { m_replicationLink = link; }
    std::uint32_t replicationLink() const { return m_replicationLink; }
    /// The group's answer to a write this node holds.
    void acknowledge(std::uint32_t request);
    void reject(std::uint32_t request, emu::FailReason reason);
    void startAckTimer(emu::Time delay, std::uint64_t index);

protected:
    enum Timer : std::uint32_t { ApplyNext, FetchRetry, AckTimeout, FirstKindTimer };
    void onFailed() override;
    void onRecovered() override;
    /// Called when a follower has replayed the log and streams again.
    virtual void onCaughtUp() {}
    const DatabaseSettings& settings() const { return m_settings; }

private:
    enum Operation : std::uint32_t { OpRead, OpWrite, OpCopy };
    struct InFlight {
        std::uint64_t index;
        emu::Time arrives;
    };
    enum class Follow { Idle, Streaming, CatchingUp };
    void apply(std::uint64_t index);
    /// Queues entry `index` to be applied at `at` or after the entries before it.
    void enqueue(std::uint64_t index, emu::Time at);
    void onStreamEntry(const ReplicationMessage& m);
    void onBatch(const ReplicationMessage& m);
    void answerFetch(const emu::Message& message);
    /// Asks the writer for the log after the last entry held, and retries until answered.
    void fetch();
    /// Sends a log message to `peer` over the link between them; false without a link.
    bool sendLog(const DatabaseNode& peer, std::uint32_t tag, const ReplicationMessage& m);
    void clearInFlight();

    DatabaseSettings m_settings;
    emu::Station m_station;
    emu::RandomStream m_rng;
    std::vector<std::uint32_t> m_versions;
    ReplicationGroup* m_group = nullptr;
    bool m_writer = false;
    Follow m_follow = Follow::Idle;
    bool m_diverged = false;
    std::uint64_t m_applied = 0;
    std::uint64_t m_received = 0;   ///< the last entry held (applied or queued)
    std::uint64_t m_caughtUpAt = 0; ///< the entry that ends the replay under way, or 0
    std::uint32_t m_term = 0;       ///< the writer's term this copy follows
    std::uint32_t m_replicationLink = UINT32_MAX;
    emu::TimerHandle m_fetchRetry; ///< cancelled when the fetch is answered
    std::deque<InFlight> m_inFlight;
    emu::Time m_lastArrival = 0;
    emu::TimerHandle m_applyTimer; ///< cancelled when the stream is cut
    std::uint64_t m_reads = 0, m_writes = 0, m_staleReads = 0;
    std::uint64_t m_catchUps = 0;
    double m_lagSumMs = 0, m_lagMaxMs = 0;
    std::uint64_t m_lagCount = 0;
};

} // namespace sb::comp
