#include "components/worker/Worker.h"

#include "components/common/CommonOutcomes.h"
#include "components/common/RequestState.h"
#include "emulator/Simulation.h"

namespace sb::comp {

using emu::FailReason;
using emu::RequestClass;

Worker::Worker(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_station(sim, *this,
                static_cast<int>(c.props.integer("workers") * c.props.integer("instances")),
                c.props.integer("queue_limit"))
    , m_service(emu::ServiceTime::parseShape(c.props.text("service_dist")),
                emu::fromMillis(c.props.number("service_ms")))
    , m_rng(sim.stream(id(), emu::kServiceTimeStream))
    , m_group(c.props.text("group"))
    , m_workers(static_cast<int>(c.props.integer("workers")))
    , m_instances(static_cast<int>(c.props.integer("instances"))) {
    addStation(&m_station);
}

void Worker::start() {
    m_down.classify(m_sim, *this);
}

void Worker::onRequest(std::uint32_t slot, std::uint32_t) {
    phase(slot) = InService;
    if (!m_station.submit(slot, m_service.sample(m_rng)))
        failRequest(slot, FailReason::Overloaded);
}

void Worker::serviceDone(std::uint32_t slot, std::uint32_t) {
    next(slot, InService);
}

void Worker::serviceFailed(std::uint32_t slot, std::uint32_t, FailReason reason) {
    ++m_failedJobs;
    failRequest(slot, reason);
}

void Worker::forward(std::uint32_t slot, Phase phase, const std::optional<Route>& route) {
    if (!route) {
        ++m_failedJobs;
        failRequest(slot, phase == AwaitDatabase ? commonOutcomes(m_sim).writeRejected
                                                 : FailReason::NoRoute);
        return;
    }
    this->phase(slot) = phase;
    if (route->node == m_sim.links()[route->link].to)
        send(slot, route->link);
    else
        sendVia(slot, route->link, route->node);
}

void Worker::next(std::uint32_t slot, Phase after) {
    emu::Request& r = request(slot);
    if (after < AwaitDatabase && m_down.hasDatabase()) {
        r.cls = RequestClass::Write;
        requestState(r).version = 0; // a new write, not a copy
        forward(slot, AwaitDatabase, m_down.writeRoute(m_sim));
        return;
    }
    if (after < AwaitStore && !m_down.staticOrigins.empty()) {
        r.cls = RequestClass::Write;
        forward(slot, AwaitStore, m_down.pickHealthy(m_sim, m_down.staticOrigins));
        return;
    }
    if (after < AwaitQueue && !m_down.queues.empty()) {
        r.cls = RequestClass::Async;
        forward(slot, AwaitQueue, m_down.pickHealthy(m_sim, m_down.queues));
        return;
    }
    r.cls = RequestClass::Async;
    ++m_jobs;
    ++counters().completed;
    reply(slot);
}

void Worker::invalidateCaches(std::uint32_t slot) {
    const emu::Request& job = request(slot);
    for (std::uint32_t link : m_down.caches) {
        const std::uint32_t msg = m_sim.requests().acquire();
        emu::Request& m = request(msg);
        m.internal = true;
        m.cls = RequestClass::Write;
        m.key = job.key;
        requestState(m).version = requestState(job).version;
        m.origin = index();
        m.issued = now();
        send(msg, link);
    }
}

void Worker::onReply(std::uint32_t slot) {
    emu::Request& r = request(slot);
    if (r.internal && r.origin == index() && r.depth == 0) {
        m_sim.requests().release(slot); // a cache invalidation came back
        return;
    }
    if (r.failed()) {
        ++m_failedJobs;
        r.cls = RequestClass::Async;
        reply(slot);
        return;
    }
    const auto done = static_cast<Phase>(phase(slot));
    if (done == AwaitDatabase)
        invalidateCaches(slot);
    next(slot, done);
}

bool Worker::applyProperty(const std::string& name, double value) {
    if ((name == "workers" || name == "instances") && value >= 1) {
        (name == "workers" ? m_workers : m_instances) = static_cast<int>(value);
        m_station.setServers(concurrency());
        return true;
    }
    if (name == "service_ms" && value > 0) {
        m_service = emu::ServiceTime(m_service.shape(), emu::fromMillis(value));
        return true;
    }
    return false;
}

void Worker::collectMetrics(emu::MetricList& out) const {
    out.emplace_back("jobs_done", static_cast<double>(m_jobs));
    out.emplace_back("jobs_failed", static_cast<double>(m_failedJobs));
    out.emplace_back("concurrency", static_cast<double>(concurrency()));
}

} // namespace sb::comp
