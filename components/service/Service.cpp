#include "components/service/Service.h"

#include "components/common/CacheNotice.h"
#include "components/common/RequestState.h"
#include "components/contract/HealthProbe.h"
#include "emulator/Simulation.h"

#include <cstring>

namespace sb::comp {

using emu::FailReason;
using emu::RequestClass;

namespace {
constexpr std::uint32_t kCallPolicyTimer = 0;
}

Service::Service(emu::Simulation& sim, BuildContext& c)
    : CallingNode(sim, c.node.id.value, c.node.kind, kCallPolicyTimer)
    , m_station(sim, *this,
                static_cast<int>(c.props.integer("workers") * c.props.integer("instances")),
                c.props.integer("queue_limit"), emu::fromMillis(c.props.number("timeout_ms")))
    , m_service(emu::ServiceTime::parseShape(c.props.text("service_dist")),
                emu::fromMillis(c.props.number("service_ms")))
    , m_rng(sim.stream(id(), emu::kServiceTimeStream))
    , m_instances(static_cast<int>(c.props.integer("instances")))
    , m_parallel(c.props.text("fan_out") == "parallel")
    , m_policies(c.design, c.node, c.props)
    , m_caller(sim, static_cast<CallHost&>(*this), m_policies.node(), sim.stream(id(), "backoff")) {
    addStation(&m_station);
}

void Service::start() {
    m_down.classify(m_sim, *this);
    // A link to a service is in `servers` (a service is a server too).
    m_serviceLinks = m_down.servers;
    m_serviceLinks.insert(m_serviceLinks.end(), m_down.balancers.begin(), m_down.balancers.end());
    m_policies.applyToLinks(m_sim, *this, m_caller);
}

void Service::onRequest(std::uint32_t slot, std::uint32_t) {
    if (!m_station.submit(slot, m_service.sample(m_rng)))
        failRequest(slot, FailReason::Overloaded);
}

void Service::serviceFailed(std::uint32_t slot, std::uint32_t, FailReason reason) {
    failRequest(slot, reason);
}

Service::DataStep Service::firstDataStep(const emu::Request& r) const {
    switch (r.cls) {
    case RequestClass::Read:
        if (!m_down.caches.empty())
            return CacheLookup;
        [[fallthrough]];
    case RequestClass::Join:
        return m_down.hasDatabase() ? DataRead : NoData;
    case RequestClass::Write:
        return m_down.hasDatabase() ? DataWrite : NoData;
    case RequestClass::Async:
        return m_down.queues.empty() ? NoData : DataOther;
    case RequestClass::Static:
        return m_down.staticOrigins.empty() ? NoData : DataOther;
    }
    return NoData;
}

void Service::serviceDone(std::uint32_t slot, std::uint32_t) {
    ++counters().completed;
    if (slot >= m_fanOut.size())
        m_fanOut.resize(slot + 1 + slot / 2);
    FanOut f;
    f.data = firstDataStep(request(slot));
    f.total = static_cast<std::uint16_t>((f.data == NoData ? 0 : 1) + m_serviceLinks.size());
    m_fanOut[slot] = f;
    if (f.total == 0) {
        reply(slot); // nothing downstream: it answers itself
        return;
    }
    if (!m_parallel) {
        startCall(slot, m_fanOut[slot].next++);
        return;
    }
    // Every call at once; the request is answered once the last has ended.
    while (m_fanOut[slot].next < m_fanOut[slot].total)
        startCall(slot, m_fanOut[slot].next++);
}

std::optional<Route> Service::dataRoute(DataStep step) {
    switch (step) {
    case CacheLookup:
        return Route{m_down.caches.front(), m_sim.links()[m_down.caches.front()].to};
    case DataRead:
        return m_down.readRoute(m_sim);
    case DataWrite:
        return m_down.writeRoute(m_sim);
    case DataOther:
        if (!m_down.queues.empty())
            return Route{m_down.queues.front(), m_sim.links()[m_down.queues.front()].to};
        return m_down.pickHealthy(m_sim, m_down.staticOrigins);
    case NoData:
        break;
    }
    return std::nullopt;
}

void Service::startCall(std::uint32_t slot, std::uint16_t index) {
    ++m_fanOut[slot].pending;
    const bool data = m_fanOut[slot].data != NoData;
    if (data && index == 0) {
        const DataStep step = m_fanOut[slot].data;
        const std::optional<Route> route = dataRoute(step);
        if (!route) {
            callEnded(slot, step == DataWrite   ? m_outcomes.writeRejected
                            : step == DataOther ? FailReason::NodeDown
                                                : FailReason::NoRoute);
            return;
        }
        if (step == CacheLookup)
            requestState(request(slot)).cacheHit = false;
        callOver(slot, index, *route);
        return;
    }
    const std::uint32_t link = m_serviceLinks[index - (data ? 1 : 0)];
    callOver(slot, index, Route{link, m_sim.links()[link].to});
}

void Service::callOver(std::uint32_t slot, std::uint16_t index, const Route& route) {
    std::uint32_t ref;
    if (m_freeCallRefs.empty()) {
        ref = static_cast<std::uint32_t>(m_callRefs.size());
        m_callRefs.emplace_back();
    } else {
        ref = m_freeCallRefs.back();
        m_freeCallRefs.pop_back();
    }
    m_callRefs[ref] = {m_sim.requests().handle(slot), index};
    emu::Request prototype = request(slot);
    prototype.traced = false; // the attempts are not the traced request itself
    m_caller.call(ref, route.link, prototype,
                  route.node == m_sim.links()[route.link].to ? PolicyCaller::kLinkEnd : route.node);
}

void Service::callFinished(std::uint64_t token, const CallResult& result) {
    const CallRef ref = m_callRefs[token];
    m_freeCallRefs.push_back(static_cast<std::uint32_t>(token));
    const std::uint32_t slot = m_sim.requests().resolve(ref.request);
    const FailReason failure = isUp() ? result.request.failure : FailReason::NodeDown;
    const bool dataCall = ref.index == 0 && m_fanOut[slot].data != NoData;
    if (!dataCall) {
        callEnded(slot, failure);
        return;
    }
    emu::Request& r = request(slot);
    // What the data tier answered (a version read, a cache hit) comes with the request.
    std::memcpy(r.componentStateBytes, result.request.componentStateBytes,
                sizeof r.componentStateBytes);
    FailReason ended = failure;
    switch (m_fanOut[slot].data) {
    case CacheLookup:
        ++m_cacheLookups;
        if (failure == FailReason::None && requestState(r).cacheHit) {
            ++m_cacheHits;
            break;
        }
        if (!isUp())
            break;
        // A miss, or a cache that did not answer: the read goes to the database (with
        // none linked, the miss is the answer).
        ended = FailReason::None;
        if (!m_down.hasDatabase())
            break;
        m_fanOut[slot].data = DataRead;
        --m_fanOut[slot].pending; // startCall counts the read as this call again
        startCall(slot, 0);
        return;
    case DataRead:
        if (failure == FailReason::None && r.cls == RequestClass::Read && !m_down.caches.empty())
            send(makeCacheNotice(m_sim, r.key, requestState(r).version, true, index()),
                 m_down.caches.front());
        break;
    case DataWrite:
        if (failure == FailReason::None)
            for (std::uint32_t link : m_down.caches)
                send(makeCacheNotice(m_sim, r.key, requestState(r).version, false, index()), link);
        break;
    case DataOther:
    case NoData:
        break;
    }
    callEnded(slot, ended);
}

void Service::callEnded(std::uint32_t slot, FailReason failure) {
    FanOut& f = m_fanOut[slot];
    --f.pending;
    if (failure != FailReason::None && f.failure == FailReason::None)
        f.failure = failure;
    if (f.pending > 0)
        return;
    if (f.next < f.total) {
        if (m_parallel)
            return; // the fan-out loop is still starting the others
        if (f.failure == FailReason::None && isUp()) {
            startCall(slot, f.next++); // the next in the sequence
            return;
        }
    }
    finishRequest(slot);
}

void Service::finishRequest(std::uint32_t slot) {
    emu::Request& r = request(slot);
    if (!isUp()) {
        r.failure = FailReason::None;
        failRequest(slot, FailReason::NodeDown); // as an answer reaching a failed service
        return;
    }
    r.failure = m_fanOut[slot].failure;
    reply(slot);
}

void Service::onReply(std::uint32_t slot) {
    if (isCacheNotice(request(slot), index())) {
        m_sim.requests().release(slot); // a cache fill or invalidation came back
        return;
    }
    m_caller.onReply(slot); // every other reply is one of the calls' attempts
}

void Service::onTimer(std::uint32_t, std::uint64_t payload) {
    m_caller.onTimer(payload);
}

void Service::onMessage(const emu::Message& message) {
    if (message.tag == contract::kHealthProbe)
        sendMessage(message.link, message.from, contract::kHealthAnswer,
                    contract::healthAnswer(message, *this));
}

void Service::onFailed() {
    m_caller.abandonAll(FailReason::NodeDown); // its requests waiting on calls fail now
}

bool Service::applyProperty(const std::string& name, double value) {
    if (name == "workers" && value >= 1) {
        m_station.setServers(static_cast<int>(value) * m_instances);
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

void Service::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("cache_hit_rate",
                     m_cacheLookups ? static_cast<double>(m_cacheHits) / m_cacheLookups : 0.0);
    m_caller.collectMetrics(out);
}

} // namespace sb::comp
