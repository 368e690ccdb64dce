#pragma once

#include "components/monitor/AlertRule.h"
#include "components/registry/BuildContext.h"
#include "emulator/Node.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sb::comp {

/// Watches every node (it links to nothing): host metrics per node — CPU as utilisation,
/// memory as what it holds (items, sessions, queued messages and requests in progress),
/// disk I/O as database operations per second — tier aggregates per kind, business metrics
/// (users with a request in flight, successful orders per second), an error log of failed
/// requests by node and reason, and alert rules that fire and clear as events.
class Monitor final : public emu::Node {
public:
    Monitor(emu::Simulation& sim, BuildContext& context);

    void start() override;
    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void onTimer(std::uint32_t timer, std::uint64_t payload) override;
    void collectMetrics(emu::MetricList& out) const override;

    /// Failed requests counted by (node, reason) so far.
    const std::map<std::pair<std::string, std::string>, std::uint64_t>& errorLog() const {
        return m_errorLog;
    }

private:
    struct Watched {
        double busy = 0, capacity = 0, ops = 0;
        emu::FailureCounts failures{};
        double cpu = 0, memory = 0, diskOps = 0, errorsRps = 0;
    };
    struct RuleState {
        AlertRule rule;
        int column = -1;
        std::string node; ///< the node the metric belongs to, else the monitor
        emu::Time since = -1;
        bool firing = false;
    };

    /// Every node but monitors (by role).
    bool watches(const emu::Node& n) const;
    std::vector<std::string> kinds() const;
    void sampleNodes(double dt);
    void evaluateRules();
    double recentMean(int column) const;

    emu::Time m_interval;
    std::vector<RuleState> m_rules;
    std::vector<Watched> m_watched; ///< by node index
    std::map<std::pair<std::string, std::string>, std::uint64_t> m_errorLog;
    double m_lastEvaluation = 0; ///< seconds
    double m_activeUsers = 0, m_ordersRps = 0;
    std::uint64_t m_orders = 0;
    std::uint64_t m_errorsLogged = 0;
    int m_firing = 0;
    emu::MetricList m_scratch;
};

} // namespace sb::comp
