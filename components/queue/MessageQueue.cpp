#include "components/queue/MessageQueue.h"

#include "components/common/CommonOutcomes.h"
#include "components/contract/IQueueConsumer.h"
#include "emulator/Simulation.h"

#include <algorithm>

namespace sb::comp {

using emu::FailReason;

namespace {
constexpr emu::Time kRetryInterval = 50 * emu::kMillisecond;
}

MessageQueue::MessageQueue(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_capacity(c.props.integer("capacity"))
    , m_pubSub(c.props.text("delivery") == "pub_sub")
    , m_replicated(c.props.boolean("replicated"))
    , m_ackLatency(emu::fromMillis(c.props.number("latency_ms") +
                                   (m_replicated ? c.props.number("replication_ms") : 0.0))) {}

void MessageQueue::start() {
    for (std::uint32_t l : outLinks()) {
        emu::Node& to = m_sim.node(m_sim.links()[l].to);
        auto* consumer = dynamic_cast<contract::IQueueConsumer*>(&to);
        if (!consumer)
            continue;
        const std::string name = m_pubSub ? consumer->consumerGroup() : std::string("all");
        auto it = std::find_if(m_groups.begin(), m_groups.end(),
                               [&](const Group& g) { return g.name == name; });
        if (it == m_groups.end()) {
            m_groups.emplace_back();
            m_groups.back().name = name;
            it = m_groups.end() - 1;
        }
        it->consumers.push_back({l, consumer, &to});
    }
}

std::size_t MessageQueue::depth() const {
    std::size_t n = 0;
    for (const Group& g : m_groups)
        n += g.backlog.size();
    return n;
}

void MessageQueue::onRequest(std::uint32_t slot, std::uint32_t) {
    std::size_t fullest = 0;
    for (const Group& g : m_groups)
        fullest = std::max(fullest, g.backlog.size());
    if (static_cast<std::int64_t>(fullest) >= m_capacity) {
        ++m_rejections;
        failRequest(slot, FailReason::Overloaded);
        return;
    }
    const Message m{now(), request(slot).key};
    for (Group& g : m_groups)
        g.backlog.push_back(m);
    ++m_published;
    m_depthMax = std::max(m_depthMax, depth());
    startTimer(m_ackLatency, Acknowledge, m_sim.requests().handle(slot));
    dispatch();
}

bool MessageQueue::deliver(std::size_t groupIndex) {
    Group& g = m_groups[groupIndex];
    const std::size_t n = g.consumers.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = (g.rotation + i) % n;
        Consumer& consumer = g.consumers[c];
        if (!consumer.node->isUp() || consumer.inFlight >= consumer.consumer->concurrency())
            continue;
        g.rotation = static_cast<std::uint32_t>((c + 1) % n);
        const Message m = g.backlog.front();
        g.backlog.pop_front();
        const std::uint32_t slot = m_sim.requests().acquire();
        emu::Request& r = request(slot);
        r.cls = emu::RequestClass::Async;
        r.internal = true;
        r.key = m.key;
        r.origin = index();
        r.issued = m.published;
        r.tag = m_epoch;
        ++consumer.inFlight;
        ++m_delivered;
        m_inFlight.emplace(slot, Delivery{groupIndex, c, m});
        send(slot, consumer.link);
        return true;
    }
    return false;
}

void MessageQueue::dispatch() {
    if (!isUp())
        return;
    bool waiting = false;
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        while (!m_groups[g].backlog.empty() && deliver(g)) {
        }
        waiting = waiting || !m_groups[g].backlog.empty();
    }
    // Consumers down or busy: look again soon (a recovered worker announces nothing).
    if (waiting && !m_retryArmed) {
        m_retryArmed = true;
        startTimer(kRetryInterval, RetryDispatch);
    }
}

void MessageQueue::finishDelivery(std::uint32_t slot) {
    const emu::Request& r = request(slot);
    auto it = m_inFlight.find(slot);
    if (r.tag != m_epoch || it == m_inFlight.end()) {
        m_sim.requests().release(slot); // sent before a failure; already accounted for
        return;
    }
    const Delivery d = it->second;
    m_inFlight.erase(it);
    Group& g = m_groups[d.group];
    --g.consumers[d.consumer].inFlight;
    const FailReason failure = r.failure;
    m_sim.requests().release(slot);
    if (failure == FailReason::NodeDown || failure == FailReason::Partition ||
        failure == FailReason::Dropped || failure == FailReason::Overloaded) {
        // The consumer never finished it: deliver it again.
        g.backlog.push_front(d.message);
        ++m_redelivered;
    } else if (failure != FailReason::None) {
        ++m_failedJobs;
    } else {
        ++m_done;
        m_jobLatency.record(now() - d.message.published);
    }
    dispatch();
}

void MessageQueue::onReply(std::uint32_t slot) {
    const emu::Request& r = request(slot);
    if (r.internal && r.origin == index() && r.depth == 0) {
        finishDelivery(slot);
        return;
    }
    reply(slot);
}

void MessageQueue::onTimer(std::uint32_t timer, std::uint64_t payload) {
    if (timer == Acknowledge) {
        const std::uint32_t slot = m_sim.requests().resolve(payload);
        if (slot == UINT32_MAX)
            return;
        if (!isUp()) {
            failRequest(slot, FailReason::NodeDown);
            return;
        }
        ++counters().completed;
        reply(slot);
        return;
    }
    m_retryArmed = false;
    dispatch();
}

void MessageQueue::onFailed() {
    ++m_epoch;
    for (auto& [slot, d] : m_inFlight) {
        m_groups[d.group].consumers[d.consumer].inFlight = 0;
        if (m_replicated)
            m_groups[d.group].backlog.push_front(d.message); // unacknowledged: kept by a replica
    }
    m_inFlight.clear();
    if (m_replicated)
        return;
    std::uint64_t lost = 0;
    for (Group& g : m_groups) {
        lost += g.backlog.size();
        g.backlog.clear();
    }
    m_lost += lost;
    m_sim.outcomes()[commonOutcomes(m_sim).lostMessages] += lost;
}

void MessageQueue::onRecovered() {
    dispatch();
}

bool MessageQueue::applyProperty(const std::string& name, double value) {
    if (name == "capacity" && value >= 0) {
        m_capacity = static_cast<std::int64_t>(value);
        return true;
    }
    return false;
}

void MessageQueue::collectMetrics(emu::MetricList& out) const {
    emu::Time oldest = now();
    for (const Group& g : m_groups)
        if (!g.backlog.empty())
            oldest = std::min(oldest, g.backlog.front().published);
    out.emplace_back("depth", static_cast<double>(depth()));
    out.emplace_back("queue_depth_max", static_cast<double>(m_depthMax));
    out.emplace_back("consumer_lag_ms", emu::toMillis(now() - oldest));
    out.emplace_back("published", static_cast<double>(m_published));
    out.emplace_back("delivered", static_cast<double>(m_delivered));
    out.emplace_back("jobs_done", static_cast<double>(m_done));
    out.emplace_back("jobs_failed", static_cast<double>(m_failedJobs));
    out.emplace_back("job_latency_ms", m_jobLatency.mean() / 1e6);
    out.emplace_back("job_latency_p99_ms", emu::toMillis(m_jobLatency.quantile(0.99)));
    out.emplace_back("rejections", static_cast<double>(m_rejections));
    out.emplace_back("redelivered", static_cast<double>(m_redelivered));
    out.emplace_back("lost_messages", static_cast<double>(m_lost));
}

} // namespace sb::comp
