#include "components/shard_router/ShardRouter.h"

#include "components/common/CommonOutcomes.h"
#include "components/common/NodeRoles.h"
#include "components/common/RequestState.h"
#include "components/contract/IWriteEndpoint.h"
#include "design/Roles.h"
#include "emulator/Simulation.h"

#include <algorithm>
#include <sstream>

namespace sb::comp {

using emu::FailReason;
using emu::RequestClass;

namespace {

ShardMap::Scheme schemeOf(const std::string& name) {
    if (name == "consistent")
        return ShardMap::Scheme::Consistent;
    if (name == "range")
        return ShardMap::Scheme::Range;
    return ShardMap::Scheme::HashMod;
}

/// The shard ids in link order: the writers it links to, read from the design (metric names
/// are fixed before start).
std::vector<std::string> shardIds(const BuildContext& c) {
    std::vector<std::string> ids;
    for (const design::Link* l : c.design.linksFrom(c.node.id))
        if (const design::Node* to = c.design.node(l->to);
            to && c.catalog.hasRole(to->kind, design::roles::kWriter))
            ids.push_back(to->id.value);
    return ids;
}

} // namespace

ShardRouter::ShardRouter(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_map(schemeOf(c.props.text("partitioning")), std::max<std::size_t>(shardIds(c).size(), 1),
            static_cast<int>(c.props.integer("vnodes")),
            static_cast<std::uint32_t>(c.props.integer("key_space")))
    , m_migrationRate(c.props.number("migration_rps")) {
    for (std::string& id : shardIds(c))
        m_shards.push_back({std::move(id)});
    const auto wanted = static_cast<std::size_t>(c.props.integer("active_shards"));
    m_active = wanted == 0 ? m_shards.size() : std::min(wanted, m_shards.size());
    m_previous = m_active;
    m_cursor = m_map.keySpace();
}

void ShardRouter::start() {
    const NodeRoles& roles = m_sim.service<NodeRoles>();
    std::size_t next = 0;
    for (std::uint32_t l : outLinks()) {
        emu::Node& to = m_sim.node(m_sim.links()[l].to);
        if (!roles.has(to.index(), design::roles::kWriter) || next >= m_shards.size())
            continue;
        m_shards[next].link = l;
        m_shards[next].writer = dynamic_cast<contract::IWriteEndpoint*>(&to);
        m_shards[next].node = &to;
        ++next;
    }
}

std::size_t ShardRouter::ownerOf(std::uint32_t key) const {
    const bool moved = key < m_cursor || key >= m_map.keySpace();
    return m_map.owner(key, moved ? m_active : m_previous);
}

bool ShardRouter::route(std::uint32_t slot, std::size_t index, bool write) {
    Shard& shard = m_shards[index];
    if (!shard.writer)
        return false;
    emu::Node* target = write ? shard.writer->currentWriter() : shard.writer->readTarget();
    if (!target)
        return false;
    ++shard.requests;
    if (target == shard.node)
        send(slot, shard.link);
    else
        sendVia(slot, shard.link, target->index());
    return true;
}

void ShardRouter::onRequest(std::uint32_t slot, std::uint32_t) {
    emu::Request& r = request(slot);
    if (m_shards.empty()) {
        failRequest(slot, FailReason::NoRoute);
        return;
    }
    if (r.cls == RequestClass::Join) {
        scatter(slot);
        return;
    }
    const bool write = r.cls == RequestClass::Write;
    if (!route(slot, ownerOf(r.key), write))
        failRequest(slot, write ? commonOutcomes(m_sim).writeRejected : FailReason::NoRoute);
}

void ShardRouter::scatter(std::uint32_t slot) {
    emu::Request& parent = request(slot);
    parent.pending = 0;
    for (std::size_t s = 0; s < m_active; ++s) {
        const std::uint32_t child = m_sim.requests().acquire();
        emu::Request& c = request(child);
        c.cls = RequestClass::Read;
        c.internal = true;
        c.key = parent.key;
        c.user = parent.user;
        c.origin = index();
        c.parent = slot;
        c.tag = ScatterChild;
        c.issued = now();
        ++parent.pending;
        if (!route(child, s, false)) {
            c.failure = FailReason::NoRoute;
            finishChild(child);
        }
    }
}

void ShardRouter::finishChild(std::uint32_t child) {
    const emu::Request& c = request(child);
    const std::uint32_t slot = c.parent;
    const FailReason failure = c.failure;
    m_sim.requests().release(child);
    emu::Request& parent = request(slot);
    if (failure != FailReason::None && !parent.failed())
        parent.failure = failure;
    if (--parent.pending > 0)
        return;
    if (parent.failed()) {
        const FailReason reason = parent.failure;
        parent.failure = FailReason::None;
        failRequest(slot, reason);
        return;
    }
    ++counters().completed;
    reply(slot);
}

void ShardRouter::onReply(std::uint32_t slot) {
    emu::Request& r = request(slot);
    if (r.internal && r.origin == index() && r.depth == 0) {
        if (r.tag == ScatterChild) {
            finishChild(slot);
            return;
        }
        copyLanded(slot);
        return;
    }
    if (!r.failed())
        ++counters().completed;
    reply(slot);
}

void ShardRouter::reshard(std::size_t to) {
    // A reshard during a migration finishes the old one at once.
    m_previous = m_active;
    m_active = to;
    m_cursor = 0;
    m_lastMovedFraction = m_map.movedFraction(m_previous, m_active);
    m_toMigrate = static_cast<std::uint64_t>(m_lastMovedFraction * m_map.keySpace() + 0.5);
    m_migrated = 0;
    m_copyRetries.clear();
    m_migrating = true;
    m_reshardStart = now();
    std::ostringstream detail;
    detail << "moved_fraction=" << m_lastMovedFraction << " shards=" << m_previous << "->"
           << m_active;
    m_sim.logEvent("reshard", id(), detail.str());
    paceMigration(0);
}

emu::Time ShardRouter::copyInterval() const {
    return emu::fromSeconds(1.0 / std::max(m_migrationRate, 1e-3));
}

void ShardRouter::paceMigration(emu::Time delay) {
    if (m_pacing)
        return;
    m_pacing = true;
    startTimer(delay, MigrateNext);
}

void ShardRouter::migrateNext() {
    m_pacing = false;
    std::uint32_t key = 0;
    if (!m_copyRetries.empty()) {
        key = m_copyRetries.front();
        m_copyRetries.pop_front();
    } else {
        const std::uint32_t keys = m_map.keySpace();
        while (m_cursor < keys &&
               m_map.owner(m_cursor, m_previous) == m_map.owner(m_cursor, m_active))
            ++m_cursor;
        if (m_cursor >= keys) {
            finishMigrationWhenCopied();
            return;
        }
        key = m_cursor++;
        ++m_migrated;
    }
    copyKey(key);
    paceMigration(copyInterval());
}

void ShardRouter::copyKey(std::uint32_t key) {
    Shard& from = m_shards[m_map.owner(key, m_previous)];
    Shard& to = m_shards[m_map.owner(key, m_active)];
    const std::uint64_t version = from.writer ? from.writer->writerVersion(key) : 0;
    if (version == 0)
        return; // never written: nothing to copy
    // Copy the key's current version to its new shard: a write there.
    const std::uint32_t copy = m_sim.requests().acquire();
    emu::Request& c = request(copy);
    c.cls = RequestClass::Write;
    c.internal = true;
    c.key = key;
    requestState(c).version = version;
    c.origin = index();
    c.tag = MigrationCopy;
    c.issued = now();
    if (route(copy, static_cast<std::size_t>(&to - m_shards.data()), true))
        ++m_copiesInFlight;
    else
        m_sim.requests().release(copy);
}

void ShardRouter::copyLanded(std::uint32_t slot) {
    const emu::Request& r = request(slot);
    if (m_copiesInFlight > 0)
        --m_copiesInFlight;
    if (r.failed()) {
        ++m_copyFailures;
        if (m_migrating) {
            m_copyRetries.push_back(r.key);
            paceMigration(copyInterval());
        }
    } else {
        m_copyLatency.record(now() - r.issued);
    }
    m_sim.requests().release(slot);
    if (!m_pacing)
        finishMigrationWhenCopied();
}

void ShardRouter::finishMigrationWhenCopied() {
    if (!m_migrating || m_copiesInFlight > 0 || !m_copyRetries.empty() ||
        m_cursor < m_map.keySpace())
        return;
    m_migrating = false;
    m_previous = m_active;
    std::ostringstream detail;
    detail << "keys=" << m_migrated << " s=" << emu::toSeconds(now() - m_reshardStart);
    if (m_copyFailures > 0)
        detail << " copies_failed=" << m_copyFailures;
    m_sim.logEvent("migration_done", id(), detail.str());
}

void ShardRouter::onTimer(std::uint32_t timer, std::uint64_t) {
    if (timer == MigrateNext)
        migrateNext();
}

bool ShardRouter::applyProperty(const std::string& name, double value) {
    const auto n = static_cast<std::size_t>(std::max(1.0, value));
    if (name == "add_shard") {
        if (m_active >= m_shards.size())
            return false; // every linked primary is in use already
        reshard(std::min(m_shards.size(), m_active + n));
        return true;
    }
    if (name == "remove_shard") {
        if (m_active <= 1)
            return false;
        reshard(m_active > n ? m_active - n : 1);
        return true;
    }
    if (name == "migration_rps" && value > 0) {
        m_migrationRate = value;
        return true;
    }
    return false;
}

void ShardRouter::collectMetrics(emu::MetricList& out) const {
    std::uint64_t total = 0, most = 0;
    for (std::size_t s = 0; s < m_shards.size(); ++s) {
        out.emplace_back("requests_" + m_shards[s].id, static_cast<double>(m_shards[s].requests));
        if (s < m_active) {
            total += m_shards[s].requests;
            most = std::max(most, m_shards[s].requests);
        }
    }
    const double mean =
        static_cast<double>(total) / static_cast<double>(std::max<std::size_t>(m_active, 1));
    out.emplace_back("shards_active", static_cast<double>(m_active));
    out.emplace_back("hot_shard_ratio", mean > 0 ? static_cast<double>(most) / mean : 0.0);
    out.emplace_back("moved_fraction", m_lastMovedFraction);
    out.emplace_back("migration_remaining",
                     static_cast<double>((m_toMigrate > m_migrated ? m_toMigrate - m_migrated : 0) +
                                         m_copyRetries.size()));
    out.emplace_back("migrated_keys", static_cast<double>(m_migrated));
    out.emplace_back("migration_copy_ms", m_copyLatency.mean() / 1e6);
    out.emplace_back("migration_copy_failures", static_cast<double>(m_copyFailures));
}

} // namespace sb::comp
