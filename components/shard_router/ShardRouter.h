#pragma once

#include "components/registry/BuildContext.h"
#include "components/shard_router/ShardMap.h"
#include "emulator/LatencyHistogram.h"
#include "emulator/Node.h"

#include <deque>
#include <string>
#include <vector>

namespace sb::comp {

namespace contract {
class IWriteEndpoint;
}

/// Routes each query to the shard that owns its key (the writers it links to are the
/// shards, in link order): reads to a healthy replica of the shard or its primary, writes
/// to the shard's current primary, joins scattered to every shard and answered when the
/// slowest returns. Resharding live ("add_shard", "remove_shard") reports the fraction of
/// keys moved and copies them to their new shard at the migration rate.
class ShardRouter final : public emu::Node {
public:
    ShardRouter(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

private:
    enum Timer : std::uint32_t { MigrateNext };
    enum Tag : std::uint32_t { ScatterChild = 1, MigrationCopy };
    struct Shard {
        std::string id;
        std::uint32_t link = 0;
        contract::IWriteEndpoint* writer = nullptr;
        emu::Node* node = nullptr; ///< the writer's own node, at the end of `link`
        std::uint64_t requests = 0;
    };

    std::size_t ownerOf(std::uint32_t key) const;
    bool route(std::uint32_t slot, std::size_t shard, bool write);
    void scatter(std::uint32_t slot);
    void finishChild(std::uint32_t child);
    void reshard(std::size_t to);
    void migrateNext();
    /// Copies a key's current version from its old shard to its new one, over the link.
    void copyKey(std::uint32_t key);
    void copyLanded(std::uint32_t slot);
    void paceMigration(emu::Time delay);
    /// The time between two copies at the migration rate.
    emu::Time copyInterval() const;
    void finishMigrationWhenCopied();

    ShardMap m_map;
    std::vector<Shard> m_shards;
    std::size_t m_active;
    // Migration after a reshard: keys below the cursor (or outside the key space) use the
    // new layout, the rest the old one until copied.
    std::size_t m_previous;
    std::uint32_t m_cursor;
    double m_migrationRate;
    std::uint64_t m_toMigrate = 0, m_migrated = 0;
    // Copies travel as writes over the router's links: a cut, lossy or refusing path fails
    // them, and a failed copy is sent again (the key's version then) until it lands.
    std::deque<std::uint32_t> m_copyRetries;
    std::uint64_t m_copiesInFlight = 0, m_copyFailures = 0;
    bool m_pacing = false;    ///< a MigrateNext timer is pending
    bool m_migrating = false; ///< since the reshard, until every copy landed
    emu::Time m_reshardStart = 0;
    double m_lastMovedFraction = 0;
    emu::LatencyHistogram m_copyLatency;
};

} // namespace sb::comp
