#include "components/monitor/Monitor.h"

#include "components/common/NodeRoles.h"
#include "design/Roles.h"
#include "emulator/Simulation.h"
#include "emulator/Station.h"

#include <algorithm>
#include <sstream>

namespace sb::comp {

namespace {

constexpr std::uint32_t kTick = 0;

double metricOf(const emu::MetricList& list, const char* name, double fallback = 0) {
    for (const auto& [key, value] : list)
        if (key == name)
            return value;
    return fallback;
}

std::string columnAlias(const std::string& metric) {
    if (metric == "p50_ms" || metric == "p95_ms" || metric == "p99_ms" || metric == "mean_ms")
        return "latency_" + metric;
    return metric;
}

} // namespace

Monitor::Monitor(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_interval(emu::fromSeconds(c.props.number("interval_s"))) {
    std::string error;
    for (AlertRule& rule : AlertRule::parseAll(c.props.text("rules"), error)) {
        RuleState state;
        state.rule = std::move(rule);
        m_rules.push_back(std::move(state));
    }
}

bool Monitor::watches(const emu::Node& n) const {
    return !m_sim.service<NodeRoles>().has(n.index(), design::roles::kMonitor);
}

std::vector<std::string> Monitor::kinds() const {
    std::vector<std::string> out;
    for (const auto& n : m_sim.nodes())
        if (watches(*n) && std::find(out.begin(), out.end(), n->kind()) == out.end())
            out.push_back(n->kind());
    return out;
}

void Monitor::start() {
    m_watched.assign(m_sim.nodes().size(), {});
    const emu::SeriesTable& series = m_sim.series();
    for (RuleState& s : m_rules) {
        const std::string& m = s.rule.metric;
        const auto dot = m.find('.');
        const std::string prefix = dot == std::string::npos ? std::string{} : m.substr(0, dot);
        const bool aboutNode = !prefix.empty() && m_sim.findNode(prefix);
        s.node = aboutNode ? prefix : id();
        std::vector<std::string> candidates{columnAlias(m), id() + "." + m};
        if (aboutNode && m.substr(dot) == ".cpu")
            candidates.insert(candidates.begin(), prefix + ".utilization");
        for (const std::string& name : candidates)
            if ((s.column = series.column(name)) >= 0)
                break;
        if (s.column < 0)
            m_sim.logEvent("alert_rule_ignored", id(), "unknown metric '" + m + "'");
    }
    startTimer(m_interval, kTick);
}

void Monitor::onRequest(std::uint32_t slot, std::uint32_t) {
    failRequest(slot, emu::FailReason::NoRoute); // a monitor serves no traffic
}

void Monitor::onTimer(std::uint32_t, std::uint64_t) {
    sampleNodes(emu::toSeconds(m_interval));
    evaluateRules();
    m_lastEvaluation = emu::toSeconds(now());
    startTimer(m_interval, kTick);
}

void Monitor::sampleNodes(double dt) {
    const NodeRoles& roles = m_sim.service<NodeRoles>();
    m_activeUsers = 0;
    for (const auto& node : m_sim.nodes()) {
        const emu::Node& n = *node;
        if (!watches(n))
            continue;
        Watched& w = m_watched[n.index()];
        double busy = 0, capacity = 0, held = 0;
        for (const emu::Station* s : n.stations()) {
            busy += s->busyIntegral();
            capacity += s->capacityIntegral();
            held += s->busy() + static_cast<double>(s->queueLength());
        }
        w.cpu = capacity > w.capacity ? (busy - w.busy) / (capacity - w.capacity) : 0.0;
        w.busy = busy;
        w.capacity = capacity;
        m_scratch.clear();
        n.collectMetrics(m_scratch);
        const double items = metricOf(
            m_scratch, "items", metricOf(m_scratch, "sessions", metricOf(m_scratch, "depth")));
        w.memory = held + items;
        const double ops = metricOf(m_scratch, "reads") + metricOf(m_scratch, "writes");
        w.diskOps = (ops - w.ops) / dt;
        w.ops = ops;
        if (roles.has(n.index(), design::roles::kTrafficSource))
            m_activeUsers += metricOf(m_scratch, "outstanding");
        // The error log: new failures here by reason.
        std::ostringstream detail;
        std::uint64_t fresh = 0;
        const emu::Outcomes& outcomes = m_sim.outcomes();
        for (int r = 1; r < outcomes.failReasonCount(); ++r) {
            const std::uint64_t now = n.counters().failures[r];
            const std::uint64_t delta = now - w.failures[r];
            w.failures[r] = now;
            if (delta == 0)
                continue;
            const std::string reason(outcomes.name(static_cast<emu::FailReason>(r)));
            m_errorLog[{n.id(), reason}] += delta;
            detail << (fresh ? " " : "") << reason << "=" << delta;
            fresh += delta;
        }
        w.errorsRps = static_cast<double>(fresh) / dt;
        if (fresh) {
            m_errorsLogged += fresh;
            // A sampled example, so a user can track one failure down.
            const auto examples = n.counters().latestExamples();
            const emu::FailureExample& e = examples.back();
            detail << "; e.g. " << emu::toString(e.cls) << " key=" << e.key << " user=" << e.user
                   << " at " << emu::toSeconds(e.time) << "s: " << outcomes.name(e.reason);
            m_sim.logEvent("errors", n.id(), detail.str());
        }
    }
    const std::uint64_t orders = m_sim.metrics().okBy(emu::RequestClass::Write);
    m_ordersRps = static_cast<double>(orders - m_orders) / dt;
    m_orders = orders;
}

double Monitor::recentMean(int column) const {
    const emu::SeriesTable& series = m_sim.series();
    double sum = 0;
    int n = 0;
    for (std::size_t i = series.rows(); i-- > 0 && series.time()[i] > m_lastEvaluation + 1e-9;) {
        sum += series.values(static_cast<std::size_t>(column))[i];
        ++n;
    }
    return n ? sum / n : 0.0;
}

void Monitor::evaluateRules() {
    const emu::Time window = m_interval;
    for (RuleState& s : m_rules) {
        if (s.column < 0)
            continue;
        const double value = recentMean(s.column);
        // `since` marks when the rule started to disagree with its current state.
        const bool disagrees = s.rule.holds(value) != s.firing;
        if (!disagrees) {
            s.since = -1;
            continue;
        }
        if (s.since < 0)
            s.since = now() - window; // the condition held over this whole interval
        if (now() - s.since < emu::fromSeconds(s.rule.windowSeconds))
            continue;
        s.firing = !s.firing;
        s.since = -1;
        m_firing += s.firing ? 1 : -1;
        std::ostringstream detail;
        detail << "rule='" << s.rule.text << "' metric=" << s.rule.metric << " value=" << value
               << " column=" << m_sim.series().columns()[static_cast<std::size_t>(s.column)];
        m_sim.logEvent(s.firing ? "alert_fired" : "alert_cleared", s.node, detail.str());
    }
}

void Monitor::collectMetrics(emu::MetricList& out) const {
    const auto& nodes = m_sim.nodes();
    auto watched = [&](std::size_t i) { return i < m_watched.size() ? m_watched[i] : Watched{}; };
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (!watches(*nodes[i]))
            continue;
        const Watched w = watched(i);
        out.emplace_back(nodes[i]->id() + ".cpu", w.cpu);
        out.emplace_back(nodes[i]->id() + ".memory", w.memory);
        out.emplace_back(nodes[i]->id() + ".disk_ops", w.diskOps);
    }
    for (const std::string& kind : kinds()) {
        double cpu = 0, errors = 0;
        int count = 0;
        for (std::size_t i = 0; i < nodes.size(); ++i)
            if (nodes[i]->kind() == kind) {
                cpu += watched(i).cpu;
                errors += watched(i).errorsRps;
                ++count;
            }
        out.emplace_back("tier." + kind + ".cpu", count ? cpu / count : 0.0);
        out.emplace_back("tier." + kind + ".errors_rps", errors);
    }
    out.emplace_back("active_users", m_activeUsers);
    out.emplace_back("orders_rps", m_ordersRps);
    out.emplace_back("errors_logged", static_cast<double>(m_errorsLogged));
    out.emplace_back("alerts_firing", static_cast<double>(m_firing));
}

} // namespace sb::comp
