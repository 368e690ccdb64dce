#pragma once

#include "components/common/HealthCheckedNode.h"
#include "components/contract/IHealthReporter.h"
#include "components/registry/BuildContext.h"
#include "emulator/RandomStream.h"

#include <string>
#include <vector>

namespace sb::comp {

/// A load balancer in front of the servers it links to: one of six algorithms, active
/// health checks, probes over the links (HealthCheckedNode): a server is taken out after
/// `unhealthy_threshold` failed checks in a row and put back after `healthy_threshold` good
/// ones; it answers its own checkers unhealthy with no healthy server. Until a failed server
/// is detected it keeps receiving its share of requests, which fail. With no healthy server
/// left it fails open and spreads over all of them.
class LoadBalancer final : public HealthCheckedNode, public contract::IHealthReporter {
public:
    enum class Algorithm {
        RoundRobin,
        WeightedRoundRobin,
        LeastConnections,
        Random,
        IpHash,
        Sticky
    };

    /// A server behind the balancer, as the balancer sees it.
    struct Backend {
        std::uint32_t link = 0;
        std::uint32_t node = 0;
        std::string address; ///< private address (see AddressPlan)
        int weight = 1;      ///< the server's weight (contract::IWeightedBackend)
        bool healthy = true; ///< the balancer's view, from health checks
        int failedChecks = 0;
        int passedChecks = 0;
        std::int64_t inFlight = 0;
        std::uint64_t sent = 0;
        std::int64_t currentWeight = 0; ///< smooth weighted round robin state
    };

    LoadBalancer(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onReply(std::uint32_t request) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    bool applyProperty(const std::string& name, double value) override;
    void collectMetrics(emu::MetricList& out) const override;

    Algorithm algorithm() const { return m_algorithm; }
    const std::string& publicAddress() const { return m_publicAddress; }
    const std::vector<Backend>& backends() const { return m_backends; }
    int healthyBackends() const { return m_healthy; }
    /// Healthy while a server behind it is (a DNS health check of it fails otherwise).
    bool reportsHealthy() const override { return m_healthy > 0; }
    /// Most requests sent to one server over the mean per server (1 = perfectly even).
    double imbalance() const;

    static Algorithm parseAlgorithm(const std::string& name);

protected:
    void onFailed() override;

private:
    enum Timer : std::uint32_t { HealthCheck };

    std::uint32_t choose(const emu::Request& r);
    bool eligible(std::uint32_t b) const { return m_healthy == 0 || m_backends[b].healthy; }
    std::uint32_t nextRoundRobin();
    std::uint32_t smoothWeighted();
    std::uint32_t leastConnections();
    std::uint32_t randomPick();
    std::uint32_t hashed(std::uint32_t user) const;
    std::uint32_t sticky(std::uint32_t user);
    void checked(std::size_t target, bool passed) override;

    Algorithm m_algorithm;
    int m_unhealthyThreshold;
    int m_healthyThreshold;
    std::string m_publicAddress;
    std::vector<std::string> m_addresses; ///< by target id, in design link order
    std::vector<Backend> m_backends;
    std::vector<std::uint32_t> m_backendOfLink;
    std::vector<std::uint16_t> m_stickyTo; ///< per user: backend + 1, 0 = not assigned yet
    int m_healthy = 0;
    std::uint32_t m_next = 0;
    std::uint8_t m_epoch = 0; ///< bumps when the balancer fails: in-flight counts restart
    emu::RandomStream m_rng;
};

} // namespace sb::comp
