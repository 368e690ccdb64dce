#pragma once

#include "components/common/HealthCheckedNode.h"
#include "components/datacenter/RegionMatrix.h"
#include "components/registry/BuildContext.h"
#include "emulator/RandomStream.h"

#include <optional>
#include <string>
#include <vector>

namespace sb::comp {

namespace contract {
class IEdgeCache;
}

/// DNS in front of the system: resolves the site's name to one of the nodes it links to
/// (balancers, servers; static requests to an edge cache, a CDN, when one is linked). Each client
/// population reaches it through `resolvers` caching resolvers (users spread over them);
/// a resolver asks again, paying `latency_ms`, only when its cached record is older than
/// `ttl_s`. Health checks every `health_check_s` (probes over the links, HealthCheckedNode)
/// take a target that is down, unreachable or a balancer with no healthy server out of new
/// answers, but cached records keep pointing at it until they expire. With `geo` the answer is the
/// healthy target nearest to the population's region, and the request travels the
/// region-to-region latency to reach it. A static request that finds its CDN down is sent
/// to the origin when the CDN falls back to origin.
class DnsService final : public HealthCheckedNode {
public:
    enum class Host : std::uint8_t { Web, Static };

    struct Target {
        std::uint32_t link = 0;
        std::uint32_t node = 0;
        std::string region; ///< of the target's data centre, "" when in none
        Host host = Host::Web;
        bool healthy = true;                        ///< as the health checks see it
        const contract::IEdgeCache* edge = nullptr; ///< a CDN's fallback to origin
    };

    DnsService(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    const std::vector<Target>& targets() const { return m_targets; }
    /// The answer a fresh lookup from users in `region` gets now (a target index), or none.
    std::optional<std::uint32_t> answer(const std::string& region, Host host);

private:
    enum Timer : std::uint32_t { Forward, ReplyBack, HealthCheck };
    enum Phase : std::uint8_t { Arrived, ToTarget, ToOrigin };

    struct Record {
        std::uint32_t target = UINT32_MAX;
        emu::Time expires = 0;
    };
    /// What the DNS knows of one client population: its region and its resolvers' caches.
    struct Population {
        bool known = false;
        std::string region;
        std::vector<Record> records; ///< [host * resolvers + resolver]
    };

    Population& population(std::uint32_t origin);
    /// Looks the name up through the user's resolver; adds the lookup time to `delay`.
    std::optional<std::uint32_t> resolve(Population& p, std::uint32_t user, Host host,
                                         emu::Time& delay);
    void forward(std::uint32_t slot, Phase next, std::uint32_t target, emu::Time delay);
    emu::Time accessLatency(const std::string& region, std::uint32_t target) const;
    bool hasHost(Host host) const;
    void checked(std::size_t target, bool passed) override;

    RegionMatrix m_regions;
    emu::Time m_ttl;
    bool m_geo;
    emu::Time m_lookup;
    std::uint32_t m_resolvers;
    bool m_inDataCentre;
    std::vector<std::pair<std::string, std::string>> m_targetRegions; ///< target id -> region
    std::vector<Target> m_targets;
    std::vector<std::uint32_t> m_targetOfLink;
    std::vector<Population> m_populations; ///< by origin node index
    std::uint32_t m_rotation = 0;
    emu::RandomStream m_rng;
    std::uint64_t m_lookups = 0;
    std::uint64_t m_fallbacks = 0;
    std::vector<bool> m_fallbackLogged; ///< per target: cdn_fallback logged this outage
};

} // namespace sb::comp
