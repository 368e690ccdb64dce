#pragma once

#include "components/common/CacheTable.h"
#include "components/common/Downstream.h"
#include "components/common/HitCounter.h"
#include "components/contract/IEdgeCache.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"
#include "emulator/RandomStream.h"
#include "emulator/ZipfSampler.h"

#include <optional>

namespace sb::comp {

/// A CDN edge: serves static requests from its cache (capacity, TTL) and fetches misses
/// from its origin (a static origin, else the web tier); other requests pass through to
/// the web tier. The origin publishes new versions of objects (`content_updates_per_s`,
/// popular objects more often). With purge invalidation the edge keeps serving the old
/// version until the purge lands `purge_delay_s` later (stale objects, counted); with
/// versioning a new version is a new URL, so the first request for it misses (cold miss)
/// and nothing stale is served. When the CDN is down, `fallback_to_origin` lets the DNS
/// in front of it (or clients linked to it) send static requests to the origin path instead.
class ContentDeliveryNetwork final : public emu::Node, public contract::IEdgeCache {
public:
    enum class Invalidation { Purge, Versioning };

    ContentDeliveryNetwork(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    /// Answers health probes (contract/HealthProbe.h).
    void onMessage(const emu::Message& message) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    bool fallbackToOrigin() const override { return m_fallback; }
    double hitRate() const { return m_hits.rate(); }

protected:
    void onFailed() override;

private:
    enum Phase : std::uint8_t { Arrived, FromOrigin, PassThrough };
    enum Timer : std::uint32_t { EdgeServed, ContentUpdate, PurgeArrives };

    void serveStatic(std::uint32_t slot);
    void forward(std::uint32_t slot, Phase next, const std::optional<Route>& route);
    void scheduleUpdate();
    void publishUpdate();
    bool measuring() const;

    CacheTable m_edge;
    emu::Time m_ttl;
    Invalidation m_invalidation;
    emu::Time m_purgeDelay;
    bool m_fallback;
    emu::Time m_edgeLatency;
    double m_updateRate;
    bool m_updateArmed = false;
    Downstream m_down;
    std::optional<emu::ZipfSampler> m_updateKeys; ///< the popularity of the users' requests
    emu::RandomStream m_updateRng;
    HitCounter m_hits;
    std::uint64_t m_originRequests = 0;
    std::uint64_t m_staleServed = 0;
    std::uint64_t m_coldMisses = 0;
    std::uint64_t m_updates = 0;
    std::uint64_t m_purges = 0;
};

} // namespace sb::comp
