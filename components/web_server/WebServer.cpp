#include "components/web_server/WebServer.h"

#include "components/common/CacheNotice.h"
#include "components/common/RequestState.h"
#include "components/common/VersionedData.h"
#include "components/contract/HealthProbe.h"
#include "emulator/Simulation.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <span>
#include <sstream>

namespace sb::comp {

using emu::FailReason;
using emu::RequestClass;

namespace {
constexpr emu::Time kAutoscaleInterval = 5 * emu::kSecond;
}

WebServer::WebServer(emu::Simulation& sim, BuildContext& c)
    : CallingNode(sim, c.node.id.value, c.node.kind, CallPolicyTimer)
    , m_station(
          sim, *this,
          static_cast<int>(c.props.integer("workers") * (c.props.boolean("autoscale", "enabled")
                                                             ? c.props.integer("autoscale", "min")
                                                             : c.props.integer("instances"))),
          c.props.integer("queue_limit"), emu::fromMillis(c.props.number("timeout_ms")))
    , m_service(emu::ServiceTime::parseShape(c.props.text("service_dist")),
                emu::fromMillis(c.props.number("service_ms")))
    , m_rng(sim.stream(id(), emu::kServiceTimeStream))
    , m_workers(static_cast<int>(c.props.integer("workers")))
    , m_instances(static_cast<int>(c.props.integer("instances")))
    , m_weight(static_cast<int>(c.props.integer("weight")))
    , m_stateless(c.props.boolean("stateless"))
    , m_embeddedDb(emu::fromMillis(c.props.number("embedded_db_ms")))
    , m_asyncWork(emu::fromMillis(c.props.number("async_work_ms")))
    , m_staticWork(emu::fromMillis(c.props.number("static_ms")))
    , m_autoscale(c.props.boolean("autoscale", "enabled"))
    , m_min(static_cast<int>(c.props.integer("autoscale", "min")))
    , m_max(static_cast<int>(c.props.integer("autoscale", "max")))
    , m_targetCpu(c.props.number("autoscale", "target_cpu"))
    , m_startup(emu::fromSeconds(c.props.number("autoscale", "startup_s")))
    , m_cooldown(emu::fromSeconds(c.props.number("autoscale", "cooldown_s")))
    , m_policies(c.design, c.node, c.props)
    , m_caller(
          m_policies.makeCaller(sim, static_cast<CallHost&>(*this), sim.stream(id(), "backoff"))) {
    if (m_autoscale)
        m_instances = m_min;
    if (c.props.text("queue_order") == "adaptive_lifo")
        m_station.setQueueOrder(emu::Station::QueueOrder::AdaptiveLifo,
                                static_cast<std::size_t>(c.props.integer("lifo_after")));
    addStation(&m_station);
}

void WebServer::start() {
    m_down.classify(m_sim, *this);
    if (m_caller)
        m_policies.applyToLinks(m_sim, *this, *m_caller);
    if (m_autoscale)
        startTimer(kAutoscaleInterval, AutoscaleTick);
}

emu::Time WebServer::serviceTime(const emu::Request& r) {
    emu::Time t = r.cls == RequestClass::Static ? m_staticWork : m_service.sample(m_rng);
    if (r.cls == RequestClass::Async && m_down.queues.empty())
        t += m_asyncWork; // no queue: the job runs inside the request
    if ((r.cls == RequestClass::Read || r.cls == RequestClass::Write ||
         r.cls == RequestClass::Join) &&
        !m_down.hasDatabase() && m_down.servers.empty())
        t += m_embeddedDb; // step 1: the database shares this server's CPU (not its services')
    return t;
}

void WebServer::onRequest(std::uint32_t slot, std::uint32_t) {
    emu::Request& r = request(slot);
    if (!m_stateless) {
        if (r.user >= m_sessions.size())
            m_sessions.resize(r.user + 1 + m_sessions.size() / 2, false);
        if (requestState(r).session && !m_sessions[r.user]) {
            ++m_sessionMisses; // the user had a session, but not on this server
            if (now() >= m_sim.metrics().warmupEnd())
                ++m_sim.outcomes()[m_outcomes.sessionMisses];
        }
        m_sessions[r.user] = true;
    }
    if (m_stateless && requestState(r).session && !m_down.sessionStores.empty()) {
        forward(slot, AwaitSession, m_down.pickHealthy(m_sim, m_down.sessionStores),
                m_outcomes.sessionLost);
        return;
    }
    beginService(slot);
}

void WebServer::beginService(std::uint32_t slot) {
    phase(slot) = InService;
    if (!m_station.submit(slot, serviceTime(request(slot))))
        failRequest(slot, FailReason::Overloaded);
}

void WebServer::serviceDone(std::uint32_t slot, std::uint32_t) {
    ++counters().completed;
    afterService(slot);
}

void WebServer::serviceFailed(std::uint32_t slot, std::uint32_t, FailReason reason) {
    failRequest(slot, reason);
}

void WebServer::forward(std::uint32_t slot, Phase next, const std::optional<Route>& route,
                        FailReason ifNone) {
    if (!route) {
        failRequest(slot, ifNone);
        return;
    }
    phase(slot) = next;
    const std::uint32_t linkEnd = m_sim.links()[route->link].to;
    if (m_caller && m_caller->governs(route->link)) {
        // The request waits here; the policy's attempts, copies of it, go downstream.
        emu::Request prototype = request(slot);
        prototype.traced = false; // the attempts are not the traced request itself
        m_caller->call(m_sim.requests().handle(slot), route->link, prototype,
                       route->node == linkEnd ? PolicyCaller::kLinkEnd : route->node);
        return;
    }
    if (route->node == linkEnd)
        send(slot, route->link);
    else
        sendVia(slot, route->link, route->node);
}

void WebServer::callFinished(std::uint64_t token, const CallResult& result) {
    const std::uint32_t slot = m_sim.requests().resolve(token);
    emu::Request& r = request(slot);
    r.failure = result.request.failure;
    // What the answer learnt downstream (a version read, a cache hit) comes with it.
    std::memcpy(r.componentStateBytes, result.request.componentStateBytes,
                sizeof r.componentStateBytes);
    if (!isUp()) {
        failRequest(slot, FailReason::NodeDown); // as an answer reaching a failed server
        return;
    }
    continueAfterCall(slot);
}

void WebServer::afterService(std::uint32_t slot) {
    // Linked services are called one after another, for every request but a static asset,
    // before the data tier.
    if (!m_down.servers.empty() && request(slot).cls != RequestClass::Static) {
        callServer(slot, 0);
        return;
    }
    afterCalls(slot);
}

void WebServer::callServer(std::uint32_t slot, std::uint32_t index) {
    if (index == m_down.servers.size()) {
        afterCalls(slot);
        return;
    }
    if (slot >= m_serverCall.size())
        m_serverCall.resize(slot + 1 + slot / 2);
    m_serverCall[slot] = index;
    const std::uint32_t link = m_down.servers[index];
    forward(slot, AwaitServer, Route{link, m_sim.links()[link].to}, FailReason::NoRoute);
}

void WebServer::afterCalls(std::uint32_t slot) {
    emu::Request& r = request(slot);
    switch (r.cls) {
    case RequestClass::Read:
        if (!m_down.caches.empty()) {
            ++m_cacheLookups;
            requestState(r).cacheHit = false;
            forward(slot, AwaitCache,
                    Route{m_down.caches.front(), m_sim.links()[m_down.caches.front()].to},
                    FailReason::NoRoute);
            return;
        }
        [[fallthrough]];
    case RequestClass::Join:
        if (!m_down.hasDatabase()) {
            reply(slot);
            return;
        }
        readFromDatabase(slot);
        return;
    case RequestClass::Write:
        if (!m_down.hasDatabase()) {
            reply(slot);
            return;
        }
        forward(slot, AwaitWrite, m_down.writeRoute(m_sim), m_outcomes.writeRejected);
        return;
    case RequestClass::Static:
        if (!m_down.staticOrigins.empty()) {
            forward(slot, AwaitStatic, m_down.pickHealthy(m_sim, m_down.staticOrigins),
                    FailReason::NodeDown);
            return;
        }
        reply(slot);
        return;
    case RequestClass::Async:
        if (!m_down.queues.empty()) {
            forward(slot, AwaitQueue,
                    Route{m_down.queues.front(), m_sim.links()[m_down.queues.front()].to},
                    FailReason::NoRoute);
            return;
        }
        reply(slot);
        return;
    }
}

void WebServer::readFromDatabase(std::uint32_t slot) {
    forward(slot, AwaitRead, m_down.readRoute(m_sim), FailReason::NoRoute);
}

void WebServer::notifyCaches(std::uint32_t slot, bool fill) {
    const emu::Request& original = request(slot);
    const std::uint32_t key = original.key;
    const std::uint64_t version = requestState(original).version;
    // A fill goes to the cache that was read; a write notifies every linked cache. A span,
    // not a vector, so this per-request path allocates nothing.
    const std::span<const std::uint32_t> caches(m_down.caches.data(),
                                                fill ? 1 : m_down.caches.size());
    for (std::uint32_t link : caches)
        send(makeCacheNotice(m_sim, key, version, fill, index()), link);
}

void WebServer::onReply(std::uint32_t slot) {
    emu::Request& r = request(slot);
    if (isCacheNotice(r, index())) {
        m_sim.requests().release(slot); // a cache fill or invalidation came back
        return;
    }
    if (m_caller && m_caller->onReply(slot))
        return; // one of the policy's attempts: callFinished continues its request
    continueAfterCall(slot);
}

void WebServer::continueAfterCall(std::uint32_t slot) {
    emu::Request& r = request(slot);
    switch (phase(slot)) {
    case AwaitSession:
        if (r.failed()) {
            ++m_sessionMisses;
            if (now() >= m_sim.metrics().warmupEnd())
                ++m_sim.outcomes()[m_outcomes.sessionMisses];
            r.failure = FailReason::None;
            failRequest(slot, m_outcomes.sessionLost);
            return;
        }
        beginService(slot);
        return;
    case AwaitCache:
        if (!r.failed() && requestState(r).cacheHit) {
            ++m_cacheHits;
            reply(slot);
            return;
        }
        r.failure = FailReason::None; // a cache that is down is a miss: fall back to the database
        readFromDatabase(slot);
        return;
    case AwaitRead:
        if (!r.failed() && r.cls == RequestClass::Read && !m_down.caches.empty())
            notifyCaches(slot, true);
        reply(slot);
        return;
    case AwaitWrite:
        if (!r.failed() && !m_down.caches.empty())
            notifyCaches(slot, false);
        reply(slot);
        return;
    case AwaitServer:
        if (r.failed()) {
            reply(slot); // a service that failed fails the request
            return;
        }
        callServer(slot, m_serverCall[slot] + 1);
        return;
    default:
        reply(slot);
        return;
    }
}

void WebServer::updateServers() {
    m_station.setServers(m_workers * std::max(m_instances, 0));
}

void WebServer::onMessage(const emu::Message& message) {
    if (message.tag == contract::kHealthProbe)
        sendMessage(message.link, message.from, contract::kHealthAnswer,
                    contract::healthAnswer(message, *this));
}

void WebServer::onTimer(std::uint32_t timer, std::uint64_t payload) {
    if (timer == CallPolicyTimer) {
        m_caller->onTimer(payload);
        return;
    }
    if (timer == InstanceReady) {
        --m_pendingInstances;
        ++m_instances;
        updateServers();
        std::ostringstream detail;
        detail << "instances=" << m_instances;
        m_sim.logEvent("scale_out", id(), detail.str());
        return;
    }
    // Autoscale tick: CPU over the last interval decides.
    const double busy = m_station.busyIntegral(), capacity = m_station.capacityIntegral();
    m_windowCpu =
        capacity > m_lastCapacity ? (busy - m_lastBusy) / (capacity - m_lastCapacity) : 0.0;
    m_lastBusy = busy;
    m_lastCapacity = capacity;
    startTimer(kAutoscaleInterval, AutoscaleTick);
    if (!isUp() || now() - m_lastScale < m_cooldown)
        return;
    const int planned = m_instances + m_pendingInstances;
    if (m_windowCpu > m_targetCpu && planned < m_max) {
        // Enough instances to bring CPU to the target, at most doubling at once.
        const int want =
            std::min({m_max, planned * 2,
                      static_cast<int>(std::ceil(m_instances * m_windowCpu / m_targetCpu))});
        for (int i = planned; i < std::max(want, planned + 1); ++i) {
            ++m_pendingInstances;
            startTimer(m_startup, InstanceReady);
        }
        m_lastScale = now();
    } else if (m_windowCpu < m_targetCpu / 2 && m_instances > m_min && m_pendingInstances == 0) {
        --m_instances;
        updateServers();
        m_lastScale = now();
        std::ostringstream detail;
        detail << "instances=" << m_instances;
        m_sim.logEvent("scale_in", id(), detail.str());
    }
}

void WebServer::onFailed() {
    std::fill(m_sessions.begin(), m_sessions.end(), false); // in-memory sessions die with it
    if (m_caller)
        m_caller->abandonAll(FailReason::NodeDown); // its requests waiting on calls fail now
}

void WebServer::onRecovered() {}

bool WebServer::applyProperty(const std::string& name, double value) {
    if (name == "workers" && value >= 1) {
        m_workers = static_cast<int>(value);
        updateServers();
        return true;
    }
    if (name == "instances" && value >= 1) {
        m_instances = static_cast<int>(value);
        updateServers();
        return true;
    }
    if (name == "service_ms" && value > 0) {
        m_service = emu::ServiceTime(m_service.shape(), emu::fromMillis(value));
        return true;
    }
    if (name == "queue_limit" && value >= 0) {
        m_station.setQueueLimit(static_cast<std::int64_t>(value));
        return true;
    }
    return false;
}

void WebServer::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("instances", m_instances);
    out.emplace_back("session_misses", static_cast<double>(m_sessionMisses));
    out.emplace_back("cache_hit_rate",
                     m_cacheLookups ? static_cast<double>(m_cacheHits) / m_cacheLookups : 0.0);
    if (m_caller)
        m_caller->collectMetrics(out);
}

} // namespace sb::comp
