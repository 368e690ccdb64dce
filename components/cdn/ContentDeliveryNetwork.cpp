#include "components/cdn/ContentDeliveryNetwork.h"

#include "components/cdn/StaticContent.h"
#include "components/common/CommonOutcomes.h"
#include "components/common/RequestState.h"
#include "components/contract/HealthProbe.h"
#include "components/contract/IUserPopulation.h"
#include "emulator/Simulation.h"

#include <deque>
#include <vector>

namespace sb::comp {

using emu::RequestClass;

ContentDeliveryNetwork::ContentDeliveryNetwork(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_edge(static_cast<std::size_t>(c.props.integer("capacity")), Eviction::Lru)
    , m_ttl(emu::fromSeconds(c.props.number("ttl_s")))
    , m_invalidation(c.props.text("invalidation") == "versioning" ? Invalidation::Versioning
                                                                  : Invalidation::Purge)
    , m_purgeDelay(emu::fromSeconds(c.props.number("purge_delay_s")))
    , m_fallback(c.props.boolean("fallback_to_origin"))
    , m_edgeLatency(emu::fromMillis(c.props.number("edge_ms")))
    , m_updateRate(c.props.number("content_updates_per_s"))
    , m_updateRng(sim.stream(id(), "content_updates")) {}

void ContentDeliveryNetwork::start() {
    m_down.classify(m_sim, *this);
    // Updates follow the popularity of what users ask for: the nearest clients upstream.
    std::vector<bool> seen(m_sim.nodes().size(), false);
    std::deque<std::uint32_t> frontier{index()};
    while (!frontier.empty() && !m_updateKeys) {
        const std::uint32_t n = frontier.front();
        frontier.pop_front();
        for (std::uint32_t l : m_sim.node(n).inLinks()) {
            const std::uint32_t from = m_sim.links()[l].from;
            if (seen[from])
                continue;
            seen[from] = true;
            if (const auto* users =
                    dynamic_cast<const contract::IUserPopulation*>(&m_sim.node(from))) {
                m_updateKeys = users->keys();
                break;
            }
            frontier.push_back(from);
        }
    }
    scheduleUpdate();
}

bool ContentDeliveryNetwork::measuring() const {
    return now() >= m_sim.metrics().warmupEnd();
}

void ContentDeliveryNetwork::onRequest(std::uint32_t slot, std::uint32_t) {
    if (request(slot).cls == RequestClass::Static) {
        serveStatic(slot);
        return;
    }
    // Dynamic requests pass through the CDN to the web tier uncached.
    auto route = m_down.pickHealthy(m_sim, m_down.balancers);
    if (!route)
        route = m_down.pickHealthy(m_sim, m_down.servers);
    forward(slot, PassThrough, route);
}

void ContentDeliveryNetwork::serveStatic(std::uint32_t slot) {
    emu::Request& r = request(slot);
    const std::uint64_t latest = m_sim.service<StaticContent>().latest(r.key);
    const CacheTable::Item* item = m_edge.lookup(r.key, now());
    bool hit = item != nullptr;
    if (item && item->version < latest) {
        if (m_invalidation == Invalidation::Versioning) {
            // The page now links the new version's URL, which this edge has never seen.
            hit = false;
            m_edge.erase(r.key);
            if (measuring())
                ++m_coldMisses;
        } else {
            // Purge still on its way: the old object goes out.
            requestState(r).stale = true;
            if (measuring()) {
                ++m_staleServed;
                ++m_sim.outcomes()[commonOutcomes(m_sim).staleReads];
            }
        }
    }
    m_hits.record(hit, now(), m_sim.metrics().warmupEnd());
    noteTrace(slot, !hit ? "miss" : requestState(r).stale ? "stale" : "hit");
    if (hit) {
        requestState(r).cacheHit = true;
        requestState(r).version = item ? item->version : 0;
        startTimer(m_edgeLatency, EdgeServed, slot);
        return;
    }
    auto route = m_down.pickHealthy(m_sim, m_down.staticOrigins);
    if (!route)
        route = m_down.pickHealthy(m_sim, m_down.balancers);
    if (!route)
        route = m_down.pickHealthy(m_sim, m_down.servers);
    if (route && measuring())
        ++m_originRequests;
    forward(slot, FromOrigin, route);
}

void ContentDeliveryNetwork::forward(std::uint32_t slot, Phase next,
                                     const std::optional<Route>& route) {
    if (!route) {
        failRequest(slot, emu::FailReason::NoRoute);
        return;
    }
    phase(slot) = next;
    send(slot, route->link);
}

void ContentDeliveryNetwork::onReply(std::uint32_t slot) {
    emu::Request& r = request(slot);
    if (phase(slot) == FromOrigin && !r.failed()) {
        // The origin serves what it holds now.
        requestState(r).version = m_sim.service<StaticContent>().latest(r.key);
        m_edge.store(r.key, requestState(r).version, m_ttl > 0 ? now() + m_ttl : emu::kNever);
    }
    if (!r.failed())
        ++counters().completed;
    reply(slot);
}

void ContentDeliveryNetwork::onMessage(const emu::Message& message) {
    if (message.tag == contract::kHealthProbe)
        sendMessage(message.link, message.from, contract::kHealthAnswer,
                    contract::healthAnswer(message, *this));
}

void ContentDeliveryNetwork::onTimer(std::uint32_t timer, std::uint64_t payload) {
    switch (timer) {
    case EdgeServed: {
        const auto slot = static_cast<std::uint32_t>(payload);
        if (!isUp()) {
            failRequest(slot, emu::FailReason::NodeDown);
            return;
        }
        ++counters().completed;
        reply(slot);
        return;
    }
    case ContentUpdate:
        m_updateArmed = false;
        if (m_updateRate > 0)
            publishUpdate();
        scheduleUpdate();
        return;
    case PurgeArrives: {
        const auto key = static_cast<std::uint32_t>(payload);
        const auto version = payload >> 32;
        const CacheTable::Item* item = m_edge.peek(key);
        if (item && item->version < version) {
            m_edge.erase(key);
            ++m_purges;
        }
        return;
    }
    default:
        return;
    }
}

void ContentDeliveryNetwork::scheduleUpdate() {
    if (m_updateRate <= 0 || !m_updateKeys || m_updateArmed)
        return;
    m_updateArmed = true;
    startTimer(
        std::max<emu::Time>(1, emu::fromSeconds(m_updateRng.exponential(1.0 / m_updateRate))),
        ContentUpdate);
}

void ContentDeliveryNetwork::publishUpdate() {
    const auto key = static_cast<std::uint32_t>(m_updateKeys->sample(m_updateRng) - 1);
    const std::uint64_t version = m_sim.service<StaticContent>().publish(key);
    ++m_updates;
    if (m_invalidation == Invalidation::Purge && m_edge.peek(key))
        startTimer(m_purgeDelay, PurgeArrives, key | (version << 32));
}

void ContentDeliveryNetwork::onFailed() {
    m_edge.clear(); // the edge comes back cold
}

bool ContentDeliveryNetwork::applyProperty(const std::string& name, double value) {
    if (name == "ttl_s" && value >= 0) {
        m_ttl = emu::fromSeconds(value);
        return true;
    }
    if (name == "purge_delay_s" && value >= 0) {
        m_purgeDelay = emu::fromSeconds(value);
        return true;
    }
    if (name == "content_updates_per_s" && value >= 0) {
        m_updateRate = value;
        scheduleUpdate();
        return true;
    }
    if (name == "fallback_to_origin") {
        m_fallback = value != 0;
        return true;
    }
    return false;
}

void ContentDeliveryNetwork::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("hit_rate", m_hits.rate());
    out.emplace_back("origin_requests", static_cast<double>(m_originRequests));
    out.emplace_back("stale_served", static_cast<double>(m_staleServed));
    out.emplace_back("cold_misses", static_cast<double>(m_coldMisses));
    out.emplace_back("items", static_cast<double>(m_edge.size()));
    out.emplace_back("evictions", static_cast<double>(m_edge.evictions()));
    out.emplace_back("updates", static_cast<double>(m_updates));
    out.emplace_back("purges", static_cast<double>(m_purges));
}

} // namespace sb::comp
