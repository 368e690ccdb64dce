#include "components/monitor/MonitorKind.h"

#include "components/monitor/AlertRule.h"
#include "components/monitor/Monitor.h"
#include "components/registry/BuildContext.h"
#include "design/PropertyBuilders.h"
#include "design/Roles.h"

namespace sb::comp {
using namespace sb::design::builders;
namespace roles = sb::design::roles;

namespace {

design::ComponentDescriptor monitorDescriptor() {
    design::ComponentDescriptor d;
    d.kind = "monitor";
    d.displayName = "Monitoring";
    d.iconName = "monitor";
    d.category = "Ops";
    d.summary = "Watches every node: host and tier metrics, business metrics, an error log "
                "and alerts";
    d.roles = {roles::kMonitor};
    d.linksTo = {};
    d.measured = false;
    d.chaosEligible = false;
    d.needsTraffic = false;
    auto rules = textProperty(
        "rules", "p99_ms > 1000 for 10s; error_rate > 0.05 for 10s",
        "Alert rules separated by ';': METRIC (> >= < <=) THRESHOLD for WINDOW (ms, s, m). "
        "Metrics: p50_ms, p95_ms, p99_ms, mean_ms, error_rate, throughput_rps, errors_rps, "
        "stale_reads, NODE.cpu, NODE.METRIC (e.g. q.depth, db1.lag_ms), tier.KIND.cpu, "
        "tier.KIND.errors_rps, active_users, orders_rps");
    rules.textCheck = [](const std::string& text) {
        std::string error;
        AlertRule::parseAll(text, error);
        return error;
    };
    d.properties = {
        rules,
        numberProperty("interval_s", 1, 0.1, 60, "s", "How often metrics and rules are evaluated"),
    };
    return d;
}

} // namespace

ComponentKind monitorKind() {
    return {monitorDescriptor(),
            [](BuildContext& c) -> emu::Node& { return c.sim.addNode<Monitor>(c); }};
}

} // namespace sb::comp
