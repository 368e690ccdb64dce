#include "review/DesignReview.h"

#include "design/DesignGraph.h"
#include "design/LinkProperties.h"
#include "design/PropertyValues.h"
#include "design/Roles.h"
#include "review/OfferedLoad.h"
#include "review/ScalingPath.h"
#include "review/SinglePointAnalysis.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>

namespace sb::review {

namespace roles = design::roles;

namespace {

std::string rate(double perSecond) {
    const long long rounded = std::llround(perSecond);
    std::string digits = std::to_string(rounded);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

std::string lowerFirst(std::string text) {
    // An acronym keeps its capitals ("API gateway").
    if (!text.empty() && !(text.size() > 1 && std::isupper(static_cast<unsigned char>(text[1]))))
        text.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(text.front())));
    return text;
}

/// Builds the findings of one review.
class Reviewer {
public:
    Reviewer(const design::Design& design, const design::DescriptorCatalog& catalog)
        : m_design(design)
        , m_catalog(catalog)
        , m_graph(design)
        , m_load(offeredLoad(design, catalog)) {}

    Findings run() {
        singlePoints();
        embeddedDatabase();
        statefulWebTier();
        cache();
        contentDelivery();
        asyncWork();
        writeLoad();
        monitoring();
        dataCentres();
        callPolicies();
        return std::move(m_findings);
    }

private:
    void add(std::string check, Severity severity, const std::string& node, std::string message,
             std::string fix, int step) {
        Finding f;
        f.check = std::move(check);
        f.severity = severity;
        f.node = node;
        f.message = std::move(message);
        f.fix = std::move(fix);
        f.fixStep = step;
        if (const DesignTemplate* t = ScalingPath::step(step))
            f.fixTemplate = t->name;
        m_findings.push_back(std::move(f));
    }

    design::PropertyValues props(const design::Node& n) const {
        return design::PropertyValues(*m_catalog.find(n.kind), n.props);
    }
    /// Whether a node's kind has a role.
    bool is(const design::Node& n, std::string_view role) const {
        return m_catalog.hasRole(n.kind, role);
    }
    std::vector<const design::Node*> withRole(std::string_view role) const {
        std::vector<const design::Node*> out;
        for (const auto& n : m_design.nodes)
            if (is(n, role))
                out.push_back(&n);
        return out;
    }
    /// The nodes of a role whose kind has a property: the servers that can run a database
    /// inline (embedded_db_ms), keep sessions (stateless) or do async work (async_work_ms);
    /// a server kind without it (a service) does none of that.
    std::vector<const design::Node*> withRole(std::string_view role,
                                              std::string_view property) const {
        std::vector<const design::Node*> out = withRole(role);
        std::erase_if(out, [&](const design::Node* n) {
            return !m_catalog.find(n->kind)->property(property);
        });
        return out;
    }
    std::vector<const design::Node*> downstream(const design::Node& n) const {
        return m_graph.downstreamNodes(n);
    }
    bool linksToRole(const design::Node& n, std::string_view role) const {
        const auto below = downstream(n);
        return std::any_of(below.begin(), below.end(),
                           [&](const design::Node* next) { return is(*next, role); });
    }
    static std::string name(const design::Node& n) {
        return "'" + n.id.value + "'" + (n.label.empty() ? "" : " (" + n.label + ")");
    }

    void singlePoints() {
        const SinglePointAnalysis analysis(m_design, m_catalog);
        for (const SinglePoint& point : analysis.singlePoints()) {
            const design::Node& n = *m_graph.find(point.node);
            std::string who;
            for (const auto& p : point.populations)
                who += (who.empty() ? "" : ", ") + p;
            const std::string message = "If " + name(n) + " fails, " + who +
                                        " can no longer reach the data: it is a single point of "
                                        "failure.";
            if (is(n, roles::kServer))
                add("single_point_of_failure", Severity::Critical, point.node, message,
                    "Put a load balancer in front of two or more web servers.", 3);
            else if (is(n, roles::kWriter))
                add("single_point_of_failure", Severity::Critical, point.node, message,
                    linksToRole(n, roles::kReplica)
                        ? "Set failover to auto, so a replica is promoted when it fails."
                        : "Add replicas and automatic failover.",
                    4);
            else if (is(n, roles::kReplica))
                add("single_point_of_failure", Severity::Critical, point.node, message,
                    "Add a second replica, or let the web tier read from the primary too.", 4);
            else
                add("single_point_of_failure", Severity::Critical, point.node, message,
                    "Run a second " + lowerFirst(m_catalog.find(n.kind)->displayName) +
                        " beside it, or a second data centre behind geoDNS.",
                    11);
        }
    }

    void embeddedDatabase() {
        const double dataRate = m_load.base.read + m_load.base.write + m_load.base.join;
        if (dataRate <= 0)
            return;
        for (const design::Node* web : withRole(roles::kServer, "embedded_db_ms")) {
            const auto below = downstream(*web);
            // A database of its own, or services that keep the data.
            const bool database = std::any_of(below.begin(), below.end(), [this](auto* next) {
                return is(*next, roles::kWriter) || is(*next, roles::kReplica) ||
                       is(*next, roles::kDataRouter) || is(*next, roles::kServer);
            });
            if (!database)
                add("embedded_database", Severity::Warning, web->id.value,
                    name(*web) +
                        " runs the database on its own CPU: page rendering and queries compete "
                        "for the same workers, and neither tier can grow on its own.",
                    "Move the database to its own server.", 2);
        }
    }

    void statefulWebTier() {
        const auto webs = withRole(roles::kServer, "stateless");
        std::int64_t servers = 0;
        bool autoscaled = false;
        for (const design::Node* web : webs) {
            const auto p = props(*web);
            servers += p.integer("instances");
            autoscaled = autoscaled || p.boolean("autoscale", "enabled");
        }
        if (servers < 2 && !autoscaled)
            return;
        for (const design::Node* web : webs) {
            if (props(*web).boolean("stateless"))
                continue;
            add("stateful_web_tier", Severity::Warning, web->id.value,
                name(*web) +
                    " keeps sessions in its own memory: the balancer must pin users to it "
                    "(sticky sessions, uneven load), its users lose their sessions when it "
                    "fails, and it cannot be scaled in freely.",
                "Make the web tier stateless: keep sessions in a shared session store.", 7);
        }
    }

    void cache() {
        const bool database =
            !withRole(roles::kWriter).empty() || !withRole(roles::kDataRouter).empty();
        if (!database || m_load.base.read <= 0 || !withRole(roles::kCache).empty())
            return;
        add("no_cache", Severity::Warning, {},
            "Every read (" + rate(m_load.base.read) +
                " per second offered) goes to the database; popular keys are read again and "
                "again.",
            "Add a cache tier that the web servers read first (cache-aside).", 5);
    }

    void contentDelivery() {
        if (m_load.base.staticAssets <= 0 || !withRole(roles::kEdgeCache).empty())
            return;
        add("static_without_cdn", Severity::Warning, {},
            rate(m_load.base.staticAssets) +
                " static requests per second cross the network to the data centre and use "
                "the web tier's workers.",
            "Serve static files from a CDN with an object store as its origin.", 6);
    }

    void asyncWork() {
        if (m_load.base.async > 0)
            for (const design::Node* web : withRole(roles::kServer, "async_work_ms"))
                if (!linksToRole(*web, roles::kQueue))
                    add("async_work_inline", Severity::Warning, web->id.value,
                        name(*web) + " does slow jobs (" + rate(m_load.base.async) +
                            " per second offered) inside the request, so users wait for them "
                            "and its workers stay busy.",
                        "Publish the jobs to a message queue served by workers.", 8);
        for (const design::Node* queue : withRole(roles::kQueue))
            if (!props(*queue).boolean("replicated"))
                add("queue_not_replicated", Severity::Warning, queue->id.value,
                    name(*queue) + " is not replicated: the messages it holds are lost when it "
                                   "fails.",
                    "Set replicated to true.", 8);
    }

    void writeLoad() {
        std::set<std::string> shards;
        for (const design::Node* router : withRole(roles::kDataRouter))
            for (const design::Node* next : downstream(*router))
                shards.insert(next->id.value);
        // Primaries the web tier and the workers write to directly.
        std::vector<const design::Node*> targets;
        bool workersWrite = false;
        for (const auto& n : m_design.nodes) {
            if (!is(n, roles::kServer) && !is(n, roles::kConsumer))
                continue;
            for (const design::Node* next : downstream(n)) {
                if (is(*next, roles::kDataRouter) || is(*next, roles::kWriter))
                    workersWrite = workersWrite || is(n, roles::kConsumer);
                if (is(*next, roles::kWriter) && !shards.count(next->id.value) &&
                    std::find(targets.begin(), targets.end(), next) == targets.end())
                    targets.push_back(next);
            }
        }
        if (targets.empty())
            return;
        const double writes =
            (m_load.peak.write + (workersWrite ? m_load.peak.async : 0)) / targets.size();
        for (const design::Node* primary : targets) {
            const auto p = props(*primary);
            const double capacity =
                static_cast<double>(p.integer("workers")) * 1000.0 / p.number("write_ms");
            if (writes <= 0.8 * capacity)
                continue;
            add("write_load_exceeds_primary",
                writes > capacity ? Severity::Critical : Severity::Warning, primary->id.value,
                "About " + rate(writes) + " writes per second at peak reach " + name(*primary) +
                    ", which can commit about " + rate(capacity) + " (" +
                    std::to_string(p.integer("workers")) + " connections at " +
                    rate(p.number("write_ms")) +
                    " ms a write); replicas do not help with "
                    "writes.",
                "Shard the data: a shard router over several primaries, each with replicas.", 9);
        }
    }

    void monitoring() {
        if (!withRole(roles::kMonitor).empty())
            return;
        add("no_monitoring", Severity::Advice, {},
            "Nothing watches the system: no host or tier metrics, no alerts, no error log.",
            "Add a monitor with alert rules, and let automation (autoscaling, failover) act.", 10);
    }

    void dataCentres() {
        std::set<std::string> used;
        for (const auto& n : m_design.nodes)
            if (!n.dc.empty())
                used.insert(n.dc);
        if (used.size() < 2) {
            add("single_data_centre", Severity::Warning, {},
                "Everything runs in one data centre: an outage there, or a cut to it, takes the "
                "whole site down, and distant users pay the round trip.",
                "Run a second data centre and let geoDNS send users to the nearest healthy one.",
                11);
            return;
        }
        for (const design::Node* dns : withRole(roles::kResolver)) {
            const auto p = props(*dns);
            if (!p.boolean("geo") || p.number("health_check_s") <= 0)
                add("dns_without_failover", Severity::Warning, dns->id.value,
                    name(*dns) + " does not send users to the nearest healthy data centre "
                                 "(geo routing or health checks are off).",
                    "Turn on geo and health checks.", 11);
        }
    }

    /// Callers whose kind has a call policy (clients, servers): retries that feed a retry
    /// storm, a timeout that outlives its caller's, a call with no breaker to a dependency
    /// the design lets fail. A link's own call_policy (its sending kind's outLinkProperties)
    /// stands for the node's on its calls. The retry-storm template shows each.
    void callPolicies() {
        for (const auto& n : m_design.nodes) {
            if (!hasPolicy(n))
                continue;
            const std::optional<std::string> budget = retriesWithoutBudget(props(n));
            const std::optional<std::string> jitter = retriesWithoutJitter(props(n));
            if (budget)
                policyFinding("retries_without_budget", n, name(n) + *budget,
                              "Turn on retry_budget (retries at most about 10% of first tries) "
                              "or a breaker.");
            if (jitter)
                policyFinding("retries_without_jitter", n, name(n) + *jitter,
                              "Use full or equal jitter.");
            const design::ComponentDescriptor& kind = *m_catalog.find(n.kind);
            bool breakerFound = false;
            for (const design::Link* link : m_design.linksFrom(n.id)) {
                const design::Node* below = m_design.node(link->to);
                if (!below)
                    continue;
                const nlohmann::json onLink = policyOn(*link);
                const design::PropertyValues p(kind, onLink);
                const std::string over =
                    name(n) + "'s calls over " + link->from.value + "->" + link->to.value;
                if (link->props.is_object() && link->props.contains(std::string(kPolicy))) {
                    if (const auto why = retriesWithoutBudget(p); why && !budget)
                        policyFinding("retries_without_budget", n, over + *why,
                                      "Turn on retry_budget in the link's call policy.");
                    if (const auto why = retriesWithoutJitter(p); why && !jitter)
                        policyFinding("retries_without_jitter", n, over + *why,
                                      "Use full or equal jitter in the link's call policy.");
                }
                const bool waits =
                    p.integer(kPolicy, "max_attempts") > 1 || p.number(kPolicy, "timeout_ms") > 0;
                if (!breakerFound && waits && !p.boolean(kPolicy, "breaker") && canFail(*below)) {
                    breakerFound = true;
                    policyFinding("call_without_breaker", n,
                                  name(n) + " calls " + name(*below) +
                                      ", which can fail, with no circuit breaker: while it is "
                                      "down every call waits out its timeout and retries.",
                                  "Turn on the breaker in the call policy.");
                }
            }
            const double own = longestTimeout(n);
            for (const design::Link* in : m_design.linksTo(n.id)) {
                const design::Node* caller = m_design.node(in->from);
                if (!caller || !hasPolicy(*caller))
                    continue;
                const double theirs =
                    design::PropertyValues(*m_catalog.find(caller->kind), policyOn(*in))
                        .number(kPolicy, "timeout_ms");
                if (own > 0 && theirs > 0 && own > theirs)
                    policyFinding("timeout_longer_than_caller", n,
                                  name(n) + " waits " + rate(own) +
                                      " ms for its calls, longer than " + name(*caller) +
                                      " waits for it (" + rate(theirs) +
                                      " ms): its work goes on after its caller gave up.",
                                  "Give each hop a shorter timeout than the hop above it.");
            }
        }
    }

    static constexpr std::string_view kPolicy = "call_policy";

    bool hasPolicy(const design::Node& n) const {
        const design::ComponentDescriptor* d = m_catalog.find(n.kind);
        return d && d->property(kPolicy);
    }
    /// The call_policy the calls over a link follow (as props holding it alone).
    nlohmann::json policyOn(const design::Link& link) const {
        const design::Node* from = m_design.node(link.from);
        return design::overriddenGroup(from ? from->props : nlohmann::json::object(), link.props,
                                       kPolicy);
    }
    /// The longest timeout a caller's calls wait: its own, or a link's.
    double longestTimeout(const design::Node& n) const {
        double longest = props(n).number(kPolicy, "timeout_ms");
        const design::ComponentDescriptor& kind = *m_catalog.find(n.kind);
        for (const design::Link* link : m_design.linksFrom(n.id))
            longest = std::max(
                longest,
                design::PropertyValues(kind, policyOn(*link)).number(kPolicy, "timeout_ms"));
        return longest;
    }
    static std::optional<std::string> retriesWithoutBudget(const design::PropertyValues& p) {
        if (p.integer(kPolicy, "max_attempts") > 1 && !p.boolean(kPolicy, "retry_budget"))
            return " retries with no retry budget: under overload every retry adds load, and "
                   "the overload can outlast its cause (a retry storm).";
        return std::nullopt;
    }
    static std::optional<std::string> retriesWithoutJitter(const design::PropertyValues& p) {
        if (p.integer(kPolicy, "max_attempts") > 1 &&
            p.value(kPolicy).at("jitter").get<std::string>() == "none")
            return " retries without jitter: callers that failed together retry together, in "
                   "waves.";
        return std::nullopt;
    }

    /// Whether the design lets a node fail: a fault names it, or chaos mode may pick it.
    bool canFail(const design::Node& n) const {
        for (const auto& f : m_design.faults)
            if (f.target == n.id.value && f.action == "fail")
                return true;
        const design::ChaosSettings& chaos = m_design.chaos;
        if (!chaos.enabled)
            return false;
        const design::ComponentDescriptor* d = m_catalog.find(n.kind);
        return d && d->chaosEligible &&
               (chaos.kinds.empty() ||
                std::find(chaos.kinds.begin(), chaos.kinds.end(), n.kind) != chaos.kinds.end());
    }

    void policyFinding(std::string check, const design::Node& n, std::string message,
                       std::string fix) {
        add(std::move(check), Severity::Warning, n.id.value, std::move(message), std::move(fix), 0);
        m_findings.back().fixTemplate = "retry-storm";
    }

    const design::Design& m_design;
    const design::DescriptorCatalog& m_catalog;
    const design::DesignGraph m_graph;
    const OfferedLoad m_load;
    Findings m_findings;
};

} // namespace

Findings reviewDesign(const design::Design& design, const design::DescriptorCatalog& catalog) {
    return Reviewer(design, catalog).run();
}

} // namespace sb::review
