#pragma once

#include "components/common/DatabaseNode.h"
#include "components/common/ReplicationGroup.h"
#include "components/contract/IPeerWriter.h"
#include "components/contract/IWriteEndpoint.h"
#include "components/db_primary/Failover.h"
#include "components/db_primary/PeerReplication.h"
#include "components/registry/BuildContext.h"

namespace sb::comp {

/// A primary database: takes the writes of its replication group and streams them to the
/// replicas it links to, and routes reads and writes to the group's copies. Its failover
/// (detection, promotion, the recovery script) is a Failover; multi-primary and circular
/// replication with the peer primaries it links to is a PeerReplication.
class DbPrimary final : public DatabaseNode,
                        public contract::IWriteEndpoint,
                        public contract::IPeerWriter {
public:
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
    friend class Failover;
    friend class PeerReplication;
    enum Timer : std::uint32_t { Detect = FirstKindTimer, Promote, PeerSend, PeerRetransmit };

    /// The copy taking this data's writes now, or null during a failover.
    DatabaseNode* writerNow() const;

    ReplicationGroup m_group;
    PeerReplication m_peers;
    Failover m_failover;
    std::uint32_t m_readRotation = 0;
};

} // namespace sb::comp
