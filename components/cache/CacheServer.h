#pragma once

#include "components/common/CacheTable.h"
#include "components/common/HitCounter.h"
#include "components/common/WorkerPool.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"

namespace sb::comp {

/// A cache server (memcached, Redis) in the cache-aside protocol the web tier speaks:
/// a client read is a lookup (Request::cacheHit says whether it hit; an old cached version
/// is a stale read), an internal read carrying a version is a fill, an internal write
/// carrying a version is a write notice handled by the write policy. Every message is
/// answered. Contents die with the node.
class CacheServer final : public emu::Node, public emu::StationClient {
public:
    enum class WritePolicy { Invalidate, Update, TtlOnly };

    CacheServer(emu::Simulation& sim, BuildContext& context);

    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void serviceDone(std::uint32_t request, std::uint32_t tag) override;
    void serviceFailed(std::uint32_t request, std::uint32_t tag, emu::FailReason reason) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    double hitRate() const { return m_hits.rate(); }
    const CacheTable& table() const { return m_table; }

protected:
    void onFailed() override;

private:
    void lookup(emu::Request& r);
    void writeNotice(const emu::Request& r);
    emu::Time expiry() const;

    WorkerPool m_workers;
    CacheTable m_table;
    emu::Time m_ttl;
    WritePolicy m_writePolicy;
    HitCounter m_hits;
    std::uint64_t m_staleReads = 0;
};

} // namespace sb::comp
