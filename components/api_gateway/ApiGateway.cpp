#include "components/api_gateway/ApiGateway.h"

#include "components/contract/HealthProbe.h"
#include "emulator/Simulation.h"

#include <cstring>

namespace sb::comp {

using emu::FailReason;

namespace {
constexpr std::uint32_t kGatewayCallTimer = 0;
}

ApiGateway::ApiGateway(emu::Simulation& sim, BuildContext& c)
    : CallingNode(sim, c.node.id.value, c.node.kind, kGatewayCallTimer)
    , m_station(sim, *this, static_cast<int>(c.props.integer("workers")),
                c.props.integer("queue_limit"))
    , m_latency(emu::fromMillis(c.props.number("latency_ms")))
    , m_auth(emu::fromMillis(c.props.number("auth_ms")))
    , m_limited(c.props.number("rate_rps") > 0)
    , m_bucket(c.props.number("rate_rps"), static_cast<double>(c.props.integer("burst")))
    , m_policies(c.design, c.node, c.props)
    , m_caller(
          m_policies.makeCaller(sim, static_cast<CallHost&>(*this), sim.stream(id(), "backoff"))) {
    if (m_limited) { // the same reason and counter as a rate limiter's 429s
        m_rateLimited = sim.outcomes().failReason("rate_limited");
        m_rateLimitedCounter =
            sim.outcomes().counter("rate_limited", emu::Outcomes::Column::RunningTotal);
    }
    for (const design::Link* link : c.design.linksFrom(c.node.id)) {
        std::string error; // validation has checked the list
        const auto classes = link->props.is_object() && link->props.contains("classes")
                                 ? link->props["classes"].get<std::string>()
                                 : std::string();
        m_linkClasses.emplace_back(link->to.value, RequestClassSet::parse(classes, error));
    }
    addStation(&m_station);
}

void ApiGateway::start() {
    // A class goes over the links that name it, else over the links that name no class.
    for (int i = 0; i < emu::kRequestClassCount; ++i) {
        const auto cls = static_cast<emu::RequestClass>(i);
        std::vector<std::uint32_t> named, unnamed;
        for (std::uint32_t link : outLinks()) {
            const std::string& to = m_sim.node(m_sim.links()[link].to).id();
            for (const auto& [target, classes] : m_linkClasses)
                if (target == to) {
                    if (classes.contains(cls))
                        named.push_back(link);
                    else if (classes.empty())
                        unnamed.push_back(link);
                    break;
                }
        }
        m_routes[static_cast<std::size_t>(i)] = named.empty() ? unnamed : named;
    }
    if (m_caller)
        m_policies.applyToLinks(m_sim, *this, *m_caller);
}

void ApiGateway::onRequest(std::uint32_t slot, std::uint32_t) {
    if (m_limited && !m_bucket.admit(now())) {
        ++m_refused;
        ++m_sim.outcomes()[m_rateLimitedCounter];
        failRequest(slot, m_rateLimited);
        return;
    }
    if (!m_station.submit(slot, m_latency + m_auth))
        failRequest(slot, FailReason::Overloaded);
}

void ApiGateway::serviceFailed(std::uint32_t slot, std::uint32_t, FailReason reason) {
    failRequest(slot, reason);
}

void ApiGateway::serviceDone(std::uint32_t slot, std::uint32_t) {
    ++counters().completed;
    const auto cls = static_cast<std::size_t>(request(slot).cls);
    const std::optional<Route> to = m_rotations[cls].pickHealthy(m_sim, m_routes[cls]);
    if (!to) {
        failRequest(slot, FailReason::NoRoute);
        return;
    }
    if (m_caller && m_caller->governs(to->link)) {
        // The request waits here; the policy's attempts, copies of it, go downstream.
        emu::Request prototype = request(slot);
        prototype.traced = false; // the attempts are not the traced request itself
        m_caller->call(m_sim.requests().handle(slot), to->link, prototype);
        return;
    }
    send(slot, to->link);
}

void ApiGateway::onReply(std::uint32_t slot) {
    if (m_caller && m_caller->onReply(slot))
        return; // one of the policy's attempts: callFinished answers its request
    reply(slot);
}

void ApiGateway::onTimer(std::uint32_t, std::uint64_t payload) {
    m_caller->onTimer(payload);
}

void ApiGateway::callFinished(std::uint64_t token, const CallResult& result) {
    const std::uint32_t slot = m_sim.requests().resolve(token);
    emu::Request& r = request(slot);
    if (!isUp()) {
        failRequest(slot, FailReason::NodeDown); // as an answer reaching a failed gateway
        return;
    }
    r.failure = result.request.failure;
    std::memcpy(r.componentStateBytes, result.request.componentStateBytes,
                sizeof r.componentStateBytes);
    reply(slot);
}

void ApiGateway::onMessage(const emu::Message& message) {
    if (message.tag == contract::kHealthProbe)
        sendMessage(message.link, message.from, contract::kHealthAnswer,
                    contract::healthAnswer(message, *this));
}

void ApiGateway::onFailed() {
    if (m_caller)
        m_caller->abandonAll(FailReason::NodeDown); // its requests waiting on calls fail now
}

bool ApiGateway::applyProperty(const std::string& name, double value) {
    if (name == "rate_rps" && value > 0 && m_limited) {
        m_bucket.setRate(value, now());
        return true;
    }
    if (name == "latency_ms" && value >= 0) {
        m_latency = emu::fromMillis(value);
        return true;
    }
    return false;
}

void ApiGateway::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("rate_limited", static_cast<double>(m_refused));
    if (m_limited)
        out.emplace_back("tokens", m_bucket.level(now()));
    if (m_caller)
        m_caller->collectMetrics(out);
}

} // namespace sb::comp
