#include "components/dns/DnsService.h"

#include "components/common/NodeRoles.h"
#include "components/contract/IEdgeCache.h"
#include "components/contract/IUserPopulation.h"
#include "design/Roles.h"
#include "emulator/Simulation.h"

#include <limits>

namespace sb::comp {

namespace {
constexpr std::uint32_t kNone = UINT32_MAX;
}

DnsService::DnsService(emu::Simulation& sim, BuildContext& c)
    : HealthCheckedNode(sim, c.node.id.value, c.node.kind,
                        emu::fromSeconds(c.props.number("health_check_s")), HealthCheck)
    , m_regions(c.regions)
    , m_ttl(emu::fromSeconds(c.props.number("ttl_s")))
    , m_geo(c.props.boolean("geo"))
    , m_lookup(emu::fromMillis(c.props.number("latency_ms")))
    , m_resolvers(static_cast<std::uint32_t>(c.props.integer("resolvers")))
    , m_inDataCentre(!c.node.dc.empty())
    , m_rng(sim.stream(id(), "resolvers")) {
    for (const design::Link* l : c.design.linksFrom(c.node.id)) {
        const design::Node* to = c.design.node(l->to);
        const design::DataCentre* dc =
            to && !to->dc.empty() ? c.design.dataCentre(design::DataCentreId{to->dc}) : nullptr;
        m_targetRegions.emplace_back(l->to.value, dc ? dc->region : std::string{});
    }
}

void DnsService::start() {
    m_targetOfLink.assign(m_sim.links().size(), kNone);
    const NodeRoles& roles = m_sim.service<NodeRoles>();
    for (std::uint32_t l : outLinks()) {
        Target t;
        t.link = l;
        t.node = m_sim.links()[l].to;
        const emu::Node& node = m_sim.node(t.node);
        t.edge = dynamic_cast<const contract::IEdgeCache*>(&node);
        t.host = roles.has(t.node, design::roles::kEdgeCache) ? Host::Static : Host::Web;
        for (const auto& [target, region] : m_targetRegions)
            if (target == node.id())
                t.region = region;
        m_targetOfLink[l] = static_cast<std::uint32_t>(m_targets.size());
        m_targets.push_back(std::move(t));
    }
    m_fallbackLogged.assign(m_targets.size(), false);
    m_populations.resize(m_sim.nodes().size());
    startHealthChecks(outLinks());
}

DnsService::Population& DnsService::population(std::uint32_t origin) {
    if (origin >= m_populations.size())
        m_populations.resize(origin + 1);
    Population& p = m_populations[origin];
    if (!p.known) {
        p.known = true;
        if (const auto* users = dynamic_cast<const contract::IUserPopulation*>(&m_sim.node(origin)))
            p.region = users->region();
        p.records.assign(2 * static_cast<std::size_t>(m_resolvers), Record{});
    }
    return p;
}

bool DnsService::hasHost(Host host) const {
    for (const Target& t : m_targets)
        if (t.host == host)
            return true;
    return false;
}

std::optional<std::uint32_t> DnsService::answer(const std::string& region, Host host) {
    std::vector<std::uint32_t> pool;
    auto collect = [&](Host h, bool healthyOnly) {
        for (std::uint32_t i = 0; i < m_targets.size(); ++i)
            if (m_targets[i].host == h && (!healthyOnly || m_targets[i].healthy))
                pool.push_back(i);
    };
    collect(host, true);
    if (pool.empty() && host == Host::Static) {
        bool fallback = false;
        for (const Target& t : m_targets)
            fallback = fallback || (t.edge && t.edge->fallbackToOrigin());
        if (fallback) {
            host = Host::Web; // every CDN is down: static goes to the origin path
            collect(host, true);
        }
    }
    if (pool.empty())
        collect(host, false); // nothing healthy: answer with every record (fail open)
    if (pool.empty())
        return std::nullopt;
    if (m_geo && !region.empty()) {
        // Keep the nearest; a target in no data centre counts as farthest.
        std::vector<std::uint32_t> nearest;
        double best = std::numeric_limits<double>::infinity();
        for (std::uint32_t i : pool) {
            const std::string& where = m_targets[i].region;
            const double d = where.empty() ? 1e9 : m_regions.latencyMs(region, where);
            if (d < best) {
                best = d;
                nearest.clear();
            }
            if (d == best)
                nearest.push_back(i);
        }
        pool.swap(nearest);
    }
    return pool[m_rotation++ % pool.size()];
}

std::optional<std::uint32_t> DnsService::resolve(Population& p, std::uint32_t user, Host host,
                                                 emu::Time& delay) {
    Record& record = p.records[static_cast<std::size_t>(host) * m_resolvers + user % m_resolvers];
    if (record.target != kNone && now() < record.expires)
        return record.target;
    const auto target = answer(p.region, host);
    if (!target)
        return std::nullopt;
    if (record.target == kNone) {
        // The resolver held the record before the run began: it expires somewhere within
        // one TTL, without a lookup now.
        record.expires =
            now() + static_cast<emu::Time>(m_rng.uniformPositive() * static_cast<double>(m_ttl));
    } else {
        record.expires = now() + m_ttl;
        delay += m_lookup;
        ++m_lookups;
    }
    record.target = *target;
    return target;
}

emu::Time DnsService::accessLatency(const std::string& region, std::uint32_t target) const {
    // A DNS placed in a data centre has region latency on its links already.
    const std::string& where = m_targets[target].region;
    if (m_inDataCentre || region.empty() || where.empty())
        return 0;
    return emu::fromMillis(m_regions.latencyMs(region, where));
}

void DnsService::onRequest(std::uint32_t slot, std::uint32_t) {
    const emu::Request& r = request(slot);
    Host host =
        r.cls == emu::RequestClass::Static && hasHost(Host::Static) ? Host::Static : Host::Web;
    if (host == Host::Web && !hasHost(Host::Web))
        host = Host::Static; // only a CDN is linked: it passes dynamic requests through
    Population& p = population(r.origin);
    emu::Time delay = 0;
    const auto target = resolve(p, r.user, host, delay);
    if (!target) {
        failRequest(slot, emu::FailReason::NoRoute);
        return;
    }
    forward(slot, ToTarget, *target, delay + accessLatency(p.region, *target));
}

void DnsService::forward(std::uint32_t slot, Phase next, std::uint32_t target, emu::Time delay) {
    phase(slot) = next;
    if (delay > 0)
        startTimer(delay, Forward, slot | (static_cast<std::uint64_t>(target) << 32));
    else
        send(slot, m_targets[target].link);
}

void DnsService::onReply(std::uint32_t slot) {
    emu::Request& r = request(slot);
    // The hop just popped names the link the request went down.
    const std::uint32_t target =
        r.depth < emu::Request::kMaxDepth ? m_targetOfLink[r.stack[r.depth].link] : kNone;
    Population& p = population(r.origin);
    if (target == kNone) {
        reply(slot);
        return;
    }
    const Target& t = m_targets[target];
    const bool cdnUnreachable = t.edge && (!m_sim.node(t.node).isUp() || m_sim.links()[t.link].cut);
    if (r.failed() && phase(slot) == ToTarget && cdnUnreachable && t.edge->fallbackToOrigin() &&
        hasHost(Host::Web)) {
        // The page's asset loader retries from the origin when the CDN does not answer.
        if (!m_fallbackLogged[target]) {
            m_fallbackLogged[target] = true;
            m_sim.logEvent("cdn_fallback", m_sim.node(t.node).id(),
                           "static requests go to the origin");
        }
        ++m_fallbacks;
        r.failure = emu::FailReason::None;
        emu::Time delay = accessLatency(p.region, target); // the failed attempt's way back
        const auto origin = resolve(p, r.user, Host::Web, delay);
        if (!origin) {
            failRequest(slot, emu::FailReason::NoRoute);
            return;
        }
        forward(slot, ToOrigin, *origin, delay + accessLatency(p.region, *origin));
        return;
    }
    if (!r.failed())
        ++counters().completed;
    const emu::Time back = accessLatency(p.region, target);
    if (back > 0)
        startTimer(back, ReplyBack, slot);
    else
        reply(slot);
}

void DnsService::onTimer(std::uint32_t timer, std::uint64_t payload) {
    const auto slot = static_cast<std::uint32_t>(payload);
    switch (timer) {
    case Forward:
        if (!isUp())
            failRequest(slot, emu::FailReason::NodeDown);
        else
            send(slot, m_targets[static_cast<std::uint32_t>(payload >> 32)].link);
        return;
    case ReplyBack:
        if (!isUp())
            failRequest(slot, emu::FailReason::NodeDown);
        else
            reply(slot);
        return;
    case HealthCheck:
        healthCheckDue(payload);
        return;
    default:
        return;
    }
}

void DnsService::checked(std::size_t target, bool ok) {
    // The targets are the out links in order: what startHealthChecks() was given. A
    // balancer with no healthy server behind it answers unhealthy.
    Target& t = m_targets[target];
    if (t.healthy == ok)
        return;
    t.healthy = ok;
    const std::string& name = m_sim.node(t.node).id();
    if (!ok) {
        m_sim.logEvent("dns_failover", id(),
                       name + " failed its health check: new answers avoid it");
    } else {
        m_fallbackLogged[target] = false;
        m_sim.logEvent("dns_failback", id(), name + " is healthy again");
    }
}

bool DnsService::applyProperty(const std::string& name, double value) {
    if (name == "ttl_s" && value >= 0) {
        m_ttl = emu::fromSeconds(value);
        return true;
    }
    if (name == "latency_ms" && value >= 0) {
        m_lookup = emu::fromMillis(value);
        return true;
    }
    if (name == "geo") {
        m_geo = value != 0;
        return true;
    }
    return applyHealthCheckPeriod(name, value);
}

void DnsService::collectMetrics(emu::MetricList& out) const {
    int healthy = 0;
    for (const Target& t : m_targets)
        healthy += t.healthy ? 1 : 0;
    out.emplace_back("lookups", static_cast<double>(m_lookups));
    out.emplace_back("healthy_targets", healthy);
    out.emplace_back("cdn_fallbacks", static_cast<double>(m_fallbacks));
}

} // namespace sb::comp
