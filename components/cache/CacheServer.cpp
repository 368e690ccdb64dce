#include "components/cache/CacheServer.h"

#include "components/common/RequestState.h"
#include "components/common/VersionedData.h"
#include "emulator/Simulation.h"

namespace sb::comp {

using emu::RequestClass;

namespace {

CacheServer::WritePolicy parseWritePolicy(const std::string& name) {
    if (name == "update")
        return CacheServer::WritePolicy::Update;
    if (name == "ttl_only")
        return CacheServer::WritePolicy::TtlOnly;
    return CacheServer::WritePolicy::Invalidate;
}

} // namespace

CacheServer::CacheServer(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_workers(sim, *this, *this, c.props)
    , m_table(static_cast<std::size_t>(c.props.integer("capacity")),
              parseEviction(c.props.text("eviction")))
    , m_ttl(emu::fromSeconds(c.props.number("ttl_s")))
    , m_writePolicy(parseWritePolicy(c.props.text("write_policy"))) {
    addStation(&m_workers.station());
}

emu::Time CacheServer::expiry() const {
    return m_ttl > 0 ? now() + m_ttl : emu::kNever;
}

void CacheServer::onRequest(std::uint32_t slot, std::uint32_t) {
    if (!m_workers.submit(slot))
        failRequest(slot, emu::FailReason::Overloaded);
}

void CacheServer::serviceDone(std::uint32_t slot, std::uint32_t) {
    ++counters().completed;
    emu::Request& r = request(slot);
    if (r.cls == RequestClass::Read && !r.internal) {
        lookup(r);
        noteTrace(slot, requestState(r).cacheHit ? "hit" : "miss");
    } else if (r.cls == RequestClass::Read)
        m_table.store(r.key, requestState(r).version, expiry()); // a fill after a database read
    else if (r.cls == RequestClass::Write && r.internal)
        writeNotice(r);
    reply(slot);
}

void CacheServer::serviceFailed(std::uint32_t slot, std::uint32_t, emu::FailReason reason) {
    failRequest(slot, reason);
}

void CacheServer::lookup(emu::Request& r) {
    const CacheTable::Item* item = m_table.lookup(r.key, now());
    requestState(r).cacheHit = item != nullptr;
    m_hits.record(requestState(r).cacheHit, now(), m_sim.metrics().warmupEnd());
    if (!item)
        return;
    serveRead(m_sim, r, item->version);
    if (requestState(r).stale && now() >= m_sim.metrics().warmupEnd())
        ++m_staleReads;
}

void CacheServer::writeNotice(const emu::Request& r) {
    switch (m_writePolicy) {
    case WritePolicy::Invalidate:
        m_table.erase(r.key);
        break;
    case WritePolicy::Update:
        m_table.store(r.key, requestState(r).version, expiry());
        break;
    case WritePolicy::TtlOnly:
        break; // the old copy lives until its TTL runs out
    }
}

void CacheServer::onFailed() {
    m_table.clear(); // a restarted cache comes back cold
}

bool CacheServer::applyProperty(const std::string& name, double value) {
    if (name == "ttl_s" && value >= 0) {
        m_ttl = emu::fromSeconds(value);
        return true;
    }
    return m_workers.applyProperty(name, value);
}

void CacheServer::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("hit_rate", m_hits.rate());
    out.emplace_back("evictions", static_cast<double>(m_table.evictions()));
    out.emplace_back("stale_reads", static_cast<double>(m_staleReads));
    out.emplace_back("items", static_cast<double>(m_table.size()));
}

} // namespace sb::comp
