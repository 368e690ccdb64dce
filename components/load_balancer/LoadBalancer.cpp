#include "components/load_balancer/LoadBalancer.h"

#include "components/contract/IWeightedBackend.h"
#include "components/load_balancer/AddressPlan.h"
#include "emulator/Simulation.h"

#include <algorithm>
#include <limits>

namespace sb::comp {

LoadBalancer::Algorithm LoadBalancer::parseAlgorithm(const std::string& name) {
    if (name == "weighted_round_robin")
        return Algorithm::WeightedRoundRobin;
    if (name == "least_connections")
        return Algorithm::LeastConnections;
    if (name == "random")
        return Algorithm::Random;
    if (name == "ip_hash")
        return Algorithm::IpHash;
    if (name == "sticky")
        return Algorithm::Sticky;
    return Algorithm::RoundRobin;
}

LoadBalancer::LoadBalancer(emu::Simulation& sim, BuildContext& c)
    : HealthCheckedNode(sim, c.node.id.value, c.node.kind,
                        emu::fromSeconds(c.props.number("health_check_s")), HealthCheck)
    , m_algorithm(parseAlgorithm(c.props.text("algorithm")))
    , m_unhealthyThreshold(static_cast<int>(c.props.integer("unhealthy_threshold")))
    , m_healthyThreshold(static_cast<int>(c.props.integer("healthy_threshold")))
    , m_rng(sim.stream(id(), "balance")) {
    const AddressPlan plan(c.design);
    m_publicAddress = plan.publicAddress(id());
    for (const design::Link* l : c.design.linksFrom(c.node.id))
        m_addresses.push_back(plan.privateAddress(id(), l->to.value));
}

void LoadBalancer::start() {
    m_backendOfLink.assign(m_sim.links().size(), UINT32_MAX);
    for (std::uint32_t l : outLinks()) {
        Backend b;
        b.link = l;
        b.node = m_sim.links()[l].to;
        if (const auto* server =
                dynamic_cast<const contract::IWeightedBackend*>(&m_sim.node(b.node)))
            b.weight = server->weight();
        // Engine links follow the design's link order, so the n-th out link is the n-th
        // design link from this node.
        if (m_backends.size() < m_addresses.size())
            b.address = m_addresses[m_backends.size()];
        m_backendOfLink[l] = static_cast<std::uint32_t>(m_backends.size());
        m_backends.push_back(std::move(b));
    }
    m_healthy = static_cast<int>(m_backends.size());
    startHealthChecks(outLinks());
}

void LoadBalancer::onRequest(std::uint32_t slot, std::uint32_t) {
    if (m_backends.empty()) {
        failRequest(slot, emu::FailReason::NoRoute);
        return;
    }
    const std::uint32_t b = choose(request(slot));
    Backend& backend = m_backends[b];
    ++backend.inFlight;
    ++backend.sent;
    phase(slot) = m_epoch;
    send(slot, backend.link);
}

void LoadBalancer::onReply(std::uint32_t slot) {
    const emu::Request& r = request(slot);
    // The hop just popped names the link the request went down (none when the request was
    // refused for being too deep).
    const std::uint32_t b =
        r.depth < emu::Request::kMaxDepth ? m_backendOfLink[r.stack[r.depth].link] : UINT32_MAX;
    if (b != UINT32_MAX && phase(slot) == m_epoch && m_backends[b].inFlight > 0)
        --m_backends[b].inFlight;
    if (!r.failed())
        ++counters().completed;
    reply(slot);
}

std::uint32_t LoadBalancer::choose(const emu::Request& r) {
    switch (m_algorithm) {
    case Algorithm::RoundRobin:
        return nextRoundRobin();
    case Algorithm::WeightedRoundRobin:
        return smoothWeighted();
    case Algorithm::LeastConnections:
        return leastConnections();
    case Algorithm::Random:
        return randomPick();
    case Algorithm::IpHash:
        return hashed(r.user);
    case Algorithm::Sticky:
        return sticky(r.user);
    }
    return nextRoundRobin();
}

std::uint32_t LoadBalancer::nextRoundRobin() {
    const auto n = static_cast<std::uint32_t>(m_backends.size());
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t b = (m_next + i) % n;
        if (eligible(b)) {
            m_next = (b + 1) % n;
            return b;
        }
    }
    return 0;
}

std::uint32_t LoadBalancer::smoothWeighted() {
    // nginx's smooth weighted round robin: every eligible server gains its weight, the
    // richest is chosen and pays back the total. Spreads a 5:1:1 split as a,a,b,a,c,a,a.
    std::int64_t total = 0;
    std::uint32_t best = UINT32_MAX;
    for (std::uint32_t b = 0; b < m_backends.size(); ++b) {
        if (!eligible(b))
            continue;
        Backend& s = m_backends[b];
        s.currentWeight += s.weight;
        total += s.weight;
        if (best == UINT32_MAX || s.currentWeight > m_backends[best].currentWeight)
            best = b;
    }
    m_backends[best].currentWeight -= total;
    return best;
}

std::uint32_t LoadBalancer::leastConnections() {
    // Fewest requests in flight per unit of weight; ties go round robin.
    const auto n = static_cast<std::uint32_t>(m_backends.size());
    std::uint32_t best = UINT32_MAX;
    double bestLoad = std::numeric_limits<double>::infinity();
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t b = (m_next + i) % n;
        if (!eligible(b))
            continue;
        const double load = static_cast<double>(m_backends[b].inFlight) / m_backends[b].weight;
        if (load < bestLoad) {
            bestLoad = load;
            best = b;
        }
    }
    m_next = (best + 1) % n;
    return best;
}

std::uint32_t LoadBalancer::randomPick() {
    const std::uint64_t count =
        m_healthy > 0 ? static_cast<std::uint64_t>(m_healthy) : m_backends.size();
    std::uint64_t k = m_rng.below(count);
    for (std::uint32_t b = 0; b < m_backends.size(); ++b)
        if (eligible(b) && k-- == 0)
            return b;
    return 0;
}

std::uint32_t LoadBalancer::hashed(std::uint32_t user) const {
    // The same user always lands on the same server while it is healthy; if it is not, the
    // next healthy one in order takes the user (the others keep theirs).
    std::uint64_t h = (static_cast<std::uint64_t>(user) + 1) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 29;
    const auto n = static_cast<std::uint32_t>(m_backends.size());
    const auto start = static_cast<std::uint32_t>(h % n);
    for (std::uint32_t i = 0; i < n; ++i)
        if (eligible((start + i) % n))
            return (start + i) % n;
    return start;
}

std::uint32_t LoadBalancer::sticky(std::uint32_t user) {
    // A cookie pins the user to the server of their first request (chosen round robin);
    // it is reassigned only when that server is taken out.
    if (user >= m_stickyTo.size())
        m_stickyTo.resize(static_cast<std::size_t>(user) + 1 + m_stickyTo.size() / 2, 0);
    const std::uint16_t pinned = m_stickyTo[user];
    if (pinned != 0 && eligible(pinned - 1u))
        return pinned - 1u;
    const std::uint32_t b = nextRoundRobin();
    m_stickyTo[user] = static_cast<std::uint16_t>(b + 1);
    return b;
}

void LoadBalancer::onTimer(std::uint32_t timer, std::uint64_t payload) {
    if (timer == HealthCheck)
        healthCheckDue(payload);
}

void LoadBalancer::checked(std::size_t target, bool passed) {
    // The backends are the out links in order: what startHealthChecks() was given.
    Backend& b = m_backends[target];
    if (passed) {
        b.failedChecks = 0;
        ++b.passedChecks;
    } else {
        b.passedChecks = 0;
        ++b.failedChecks;
    }
    const std::string& server = m_sim.node(b.node).id();
    if (b.healthy && b.failedChecks >= m_unhealthyThreshold) {
        b.healthy = false;
        --m_healthy;
        m_sim.logEvent("detected_down", server,
                       "by " + id() + " after " + std::to_string(b.failedChecks) +
                           " failed health checks");
    } else if (!b.healthy && b.passedChecks >= m_healthyThreshold) {
        b.healthy = true;
        ++m_healthy;
        b.currentWeight = 0;
        m_sim.logEvent("detected_up", server, "back in rotation of " + id());
    }
}

void LoadBalancer::onFailed() {
    ++m_epoch; // requests in flight through it are lost; their replies must not count
    for (Backend& b : m_backends)
        b.inFlight = 0;
}

bool LoadBalancer::applyProperty(const std::string& name, double value) {
    if (name == "unhealthy_threshold" && value >= 1) {
        m_unhealthyThreshold = static_cast<int>(value);
        return true;
    }
    if (name == "healthy_threshold" && value >= 1) {
        m_healthyThreshold = static_cast<int>(value);
        return true;
    }
    return applyHealthCheckPeriod(name, value);
}

double LoadBalancer::imbalance() const {
    if (m_backends.empty())
        return 1.0;
    std::uint64_t total = 0, most = 0;
    for (const Backend& b : m_backends) {
        total += b.sent;
        most = std::max(most, b.sent);
    }
    return total ? static_cast<double>(most) * m_backends.size() / total : 1.0;
}

void LoadBalancer::collectMetrics(emu::MetricList& out) const {
    std::int64_t inFlight = 0;
    for (const Backend& b : m_backends)
        inFlight += b.inFlight;
    out.emplace_back("healthy_backends", m_healthy);
    out.emplace_back("in_flight", static_cast<double>(inFlight));
    out.emplace_back("imbalance", imbalance());
}

} // namespace sb::comp
