#include "emulator/Simulation.h"

#include "emulator/Station.h"

#include <algorithm>
#include <atomic>

namespace sb::emu {

namespace {
constexpr std::uint32_t kDeliver = 0;
constexpr std::uint32_t kReply = 1;
constexpr std::uint32_t kMessage = UINT32_MAX; // Node's message event; timers never reach it
constexpr std::uint32_t kSample = 0;
constexpr std::uint32_t kOpenWindow = 1;

/// Busy, available and queued request-nanoseconds of a node's stations so far, and the
/// requests waiting now.
struct Integrals {
    double busy = 0, capacity = 0, queue = 0;
    double waiting = 0;
};
Integrals integralsOf(const Node& n) {
    Integrals out;
    for (const Station* st : n.stations()) {
        out.busy += st->busyIntegral();
        out.capacity += st->capacityIntegral();
        out.queue += st->queueIntegral();
        out.waiting += static_cast<double>(st->queueLength());
    }
    return out;
}
} // namespace

/// Appends a series row every resolution of virtual time, and opens the measurement
/// window when the warm-up ends.
class Simulation::Sampler final : public Entity {
public:
    explicit Sampler(Simulation& sim)
        : m_sim(sim)
        , m_entity(sim.kernel().addEntity(this)) {}
    void arm(Time first, Time warmup) {
        m_sim.kernel().schedule(first, m_entity, kSample);
        if (warmup > 0)
            m_sim.kernel().schedule(warmup, m_entity, kOpenWindow);
    }
    std::uint32_t entity() const { return m_entity; }
    void handleEvent(std::uint32_t kind, std::uint64_t) override {
        if (kind == kOpenWindow) {
            m_sim.openWindow();
            return;
        }
        m_sim.sample();
        m_sim.kernel().scheduleIn(m_sim.m_resolution, m_entity, kSample);
    }

private:
    Simulation& m_sim;
    std::uint32_t m_entity;
};

/// Runs one-off actions at chosen virtual times.
class Simulation::ActionRunner final : public Entity {
public:
    explicit ActionRunner(Simulation& sim)
        : m_sim(sim)
        , m_entity(sim.kernel().addEntity(this)) {}
    TimerHandle add(Time when, std::function<void()> action) {
        std::uint64_t slot;
        if (m_free.empty()) {
            slot = m_actions.size();
            m_actions.push_back(std::move(action));
        } else {
            slot = m_free.back();
            m_free.pop_back();
            m_actions[slot] = std::move(action);
        }
        return m_sim.kernel().scheduleCancellable(std::max(when, m_sim.now()), m_entity, 0, slot);
    }
    void cancel(TimerHandle handle) {
        std::uint64_t slot = 0;
        if (m_sim.kernel().pendingTarget(handle) != m_entity ||
            !m_sim.kernel().cancel(handle, &slot))
            return;
        m_actions[slot] = nullptr;
        m_free.push_back(slot);
    }
    std::uint32_t entity() const { return m_entity; }
    void handleEvent(std::uint32_t, std::uint64_t slot) override {
        auto action = std::move(m_actions[slot]);
        m_actions[slot] = nullptr;
        m_free.push_back(slot);
        action();
    }

private:
    Simulation& m_sim;
    std::uint32_t m_entity;
    std::vector<std::function<void()>> m_actions;
    std::vector<std::uint64_t> m_free;
};

std::size_t Simulation::nextServiceIndex() {
    static std::atomic<std::size_t> next{0};
    return next++;
}

Simulation::Simulation(std::uint64_t seed)
    : m_seed(seed)
    , m_sampler(std::make_unique<Sampler>(*this))
    , m_actions(std::make_unique<ActionRunner>(*this)) {}

Simulation::~Simulation() = default;

void Simulation::adopt(std::unique_ptr<Node> node) {
    node->m_index = static_cast<std::uint32_t>(m_nodes.size());
    node->m_entity = m_kernel.addEntity(node.get());
    m_nodeIndex[node->id()] = node->m_index;
    m_nodes.push_back(std::move(node));
}

std::uint32_t Simulation::addLink(std::uint32_t from, std::uint32_t to, Time latency, Time jitter,
                                  double loss) {
    Link l;
    l.from = from;
    l.to = to;
    l.latency = latency;
    l.jitter = jitter;
    l.loss = loss;
    l.rng = stream(m_nodes[from]->id() + "->" + m_nodes[to]->id(), "link");
    l.messageRng = stream(m_nodes[from]->id() + "->" + m_nodes[to]->id(), "link messages");
    l.lane = m_kernel.addLane();
    l.replyLane = m_kernel.addLane();
    m_links.push_back(std::move(l));
    const auto index = static_cast<std::uint32_t>(m_links.size() - 1);
    m_nodes[from]->m_outLinks.push_back(index);
    m_nodes[to]->m_inLinks.push_back(index);
    return index;
}

Node* Simulation::findNode(const std::string& id) const {
    auto it = m_nodeIndex.find(id);
    return it == m_nodeIndex.end() ? nullptr : m_nodes[it->second].get();
}

std::string Simulation::describeEntity(std::uint32_t entity) const {
    for (const auto& n : m_nodes)
        if (n->entity() == entity)
            return "node '" + n->id() + "' (" + n->kind() + ")";
    if (m_sampler && entity == m_sampler->entity())
        return "the series sampler";
    if (m_actions && entity == m_actions->entity())
        return "a scheduled action (a fault, a command or a live change)";
    return "the engine";
}

void Simulation::logEvent(std::string kind, std::string node, std::string detail) {
    m_log.add(now(), std::move(kind), std::move(node), std::move(detail));
}

TimerHandle Simulation::at(Time when, std::function<void()> action) {
    return m_actions->add(when, std::move(action));
}

void Simulation::cancel(TimerHandle& action) {
    m_actions->cancel(action);
    action = {};
}

void Simulation::transmit(Node& from, std::uint32_t slot, std::uint32_t linkIndex,
                          std::uint32_t targetNode) {
    Request& r = m_requests[slot];
    Link& link = m_links[linkIndex];
    ++link.sent;
    if (r.depth >= Request::kMaxDepth) {
        r.failure = FailReason::NoRoute;
        m_kernel.scheduleIn(0, from.entity(), kReply, slot);
        return;
    }
    ++r.hops;
    r.stack[r.depth++] = {from.index(), linkIndex};
    if (link.cut || (link.loss > 0 && link.rng.chance(link.loss))) {
        ++link.failed;
        if (!r.failed()) {
            const FailReason reason = link.cut ? FailReason::Partition : FailReason::Dropped;
            r.failure = reason;
            from.counters().recordFailure(r, reason, now());
        }
        --r.depth;
        // The sender learns of the failure after a connection attempt's round trip.
        m_kernel.scheduleIn(2 * link.latency, from.entity(), kReply, slot);
        return;
    }
    const std::uint32_t to = targetNode == UINT32_MAX ? link.to : targetNode;
    if (r.traced) [[unlikely]]
        m_traces[slot].push_back({to, {}});
    m_kernel.scheduleInLane(link.lane, link.sampleLatency(), m_nodes[to]->entity(), kDeliver,
                            slot | (static_cast<std::uint64_t>(linkIndex) << 32));
}

void Simulation::traceRequest(std::uint32_t slot) {
    Request& r = m_requests[slot];
    r.traced = true;
    m_traces[slot] = {TraceHop{r.origin, {}}};
}

void Simulation::noteTrace(std::uint32_t slot, std::uint32_t node, std::string_view note) {
    if (!m_requests[slot].traced)
        return;
    auto& hops = m_traces[slot];
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        if (hop->node == node) {
            hop->note = note;
            return;
        }
    }
}

std::vector<TraceHop> Simulation::takeTrace(std::uint32_t slot) {
    const auto it = m_traces.find(slot);
    if (it == m_traces.end())
        return {};
    std::vector<TraceHop> hops = std::move(it->second);
    m_traces.erase(it);
    m_requests[slot].traced = false;
    return hops;
}

void Simulation::returnRequest(Node& /*from*/, std::uint32_t slot) {
    Request& r = m_requests[slot];
    if (r.depth == 0) {
        // Nobody to return to: the request ends here. An internal message (a cache fill, a
        // replication or queue delivery) whose sender died is freed; client requests are
        // always freed by their clients node.
        if (r.internal)
            m_requests.release(slot);
        return;
    }
    const ReturnHop hop = r.stack[--r.depth];
    Link& link = m_links[hop.link];
    m_kernel.scheduleInLane(link.replyLane, link.sampleLatency(), m_nodes[hop.node]->entity(),
                            kReply, slot);
}

void Simulation::sendMessage(Node& from, std::uint32_t linkIndex, std::uint32_t target,
                             Message message) {
    Link& link = m_links[linkIndex];
    ++link.messages;
    if (link.cut || (link.loss > 0 && link.messageRng.chance(link.loss))) {
        ++link.messagesLost;
        return;
    }
    message.link = linkIndex;
    message.from = from.index();
    message.to = target;
    std::uint32_t slot;
    if (m_freeMessages.empty()) {
        slot = static_cast<std::uint32_t>(m_messages.size());
        m_messages.push_back(message);
    } else {
        slot = m_freeMessages.back();
        m_freeMessages.pop_back();
        m_messages[slot] = message;
    }
    // Each direction keeps its lane: what goes towards `to` rides with the deliveries.
    const std::uint32_t lane = target == link.to ? link.lane : link.replyLane;
    m_kernel.scheduleInLane(lane, link.sampleLatency(link.messageRng), m_nodes[target]->entity(),
                            kMessage, slot);
}

bool Simulation::receiveMessage(std::uint32_t slot, Message& out) {
    out = m_messages[slot];
    m_freeMessages.push_back(slot);
    Link& link = m_links[out.link];
    if (link.cut) {
        ++link.messagesLost; // it was on the wire when the link was cut
        return false;
    }
    return true;
}

void Simulation::start(Time resolution, Time warmup) {
    if (m_started)
        return;
    m_started = true;
    m_resolution = resolution;
    m_metrics.setWarmupEnd(warmup);
    using Merge = SeriesTable::Merge;
    // Column 0 is the success rate and 2 the error rate: the weights and parts below.
    std::vector<SeriesTable::Column> columns{{"throughput_rps"},
                                             {"offered_rps"},
                                             {"errors_rps"},
                                             {"error_rate", Merge::Ratio, 2, 0},
                                             {"latency_p50_ms", Merge::Quantile, -1, -1, 0.50},
                                             {"latency_p95_ms", Merge::Quantile, -1, -1, 0.95},
                                             {"latency_p99_ms", Merge::Quantile, -1, -1, 0.99},
                                             {"latency_mean_ms", Merge::WeightedMean, 0}};
    // Then the registered counters that asked for a system column, as running totals.
    m_counterColumns.clear();
    for (std::size_t i = 0; i < m_outcomes.counters().size(); ++i)
        if (m_outcomes.counters()[i].column == Outcomes::Column::RunningTotal) {
            columns.push_back({m_outcomes.counters()[i].name, Merge::Last});
            m_counterColumns.push_back({static_cast<std::uint32_t>(i)});
        }
    for (const auto& n : m_nodes) {
        const std::string& id = n->id();
        columns.push_back({id + ".utilization"});
        columns.push_back({id + ".queue"});
        columns.push_back({id + ".errors_rps"});
        columns.push_back({id + ".up"});
        const int served = static_cast<int>(columns.size());
        columns.push_back({id + ".served_rps"});
        columns.push_back({id + ".latency_ms", Merge::WeightedMean, served});
        columns.push_back({id + ".queue_mean"});
        m_scratch.clear();
        n->collectMetrics(m_scratch);
        m_metricCounts.push_back(m_scratch.size());
        for (const auto& [name, value] : m_scratch)
            columns.push_back({id + "." + name});
    }
    m_series.setColumns(std::move(columns));
    m_nodeSamples.assign(m_nodes.size(), {});
    m_baselines.assign(m_nodes.size(), {});
    for (const auto& n : m_nodes)
        n->start();
    m_sampler->arm(resolution, warmup);
}

void Simulation::openWindow() {
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        Node& n = *m_nodes[i];
        const Integrals area = integralsOf(n);
        m_baselines[i] = {n.counters(), area.busy, area.capacity, area.queue};
        n.m_timeInNode.clear();
        m_nodeSamples[i].served = 0;
        m_nodeSamples[i].servedSum = 0;
    }
}

NodeWindow Simulation::window(std::uint32_t index) const {
    const Node& n = *m_nodes[index];
    const NodeCounters& c = n.counters();
    NodeWindow w;
    const NodeBaseline none;
    const NodeBaseline& b = index < m_baselines.size() ? m_baselines[index] : none;
    w.arrivals = c.arrivals - b.counters.arrivals;
    w.completed = c.completed - b.counters.completed;
    w.rejected = c.rejected - b.counters.rejected;
    for (std::size_t k = 0; k < w.failures.size(); ++k)
        w.failures[k] = c.failures[k] - b.counters.failures[k];
    const Integrals area = integralsOf(n);
    const double capacity = area.capacity - b.capacity;
    w.utilization = capacity > 0 ? (area.busy - b.busy) / capacity : 0.0;
    const Time start = now() > m_metrics.warmupEnd() ? m_metrics.warmupEnd() : 0;
    const auto elapsed = static_cast<double>(now() - start);
    w.queueMean = elapsed > 0 ? (area.queue - b.queue) / elapsed : 0.0;
    return w;
}

void Simulation::sample() {
    const double dt = toSeconds(m_resolution);
    const RunMetrics::Interval iv = m_metrics.interval();
    const double completed = static_cast<double>(iv.ok + iv.failed);
    m_row.clear();
    m_row.push_back(static_cast<double>(iv.ok) / dt);
    m_row.push_back(static_cast<double>(iv.issued) / dt);
    m_row.push_back(static_cast<double>(iv.failed) / dt);
    m_row.push_back(completed > 0 ? static_cast<double>(iv.failed) / completed : 0.0);
    m_row.push_back(iv.p50);
    m_row.push_back(iv.p95);
    m_row.push_back(iv.p99);
    m_row.push_back(iv.mean);
    for (const CounterId c : m_counterColumns)
        m_row.push_back(static_cast<double>(m_outcomes[c]));
    const auto dtNs = static_cast<double>(m_resolution);
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node& n = *m_nodes[i];
        NodeSample& s = m_nodeSamples[i];
        const Integrals area = integralsOf(n);
        s.utilization =
            area.capacity > s.capacity ? (area.busy - s.busy) / (area.capacity - s.capacity) : 0.0;
        const std::uint64_t failed = n.counters().failed();
        const LatencyHistogram& inNode = n.timeInNode();
        const std::uint64_t served = inNode.count() - s.served;
        m_row.push_back(s.utilization);
        m_row.push_back(area.waiting);
        m_row.push_back(static_cast<double>(failed - s.failed) / dt);
        m_row.push_back(n.isUp() ? 1.0 : 0.0);
        m_row.push_back(static_cast<double>(served) / dt);
        m_row.push_back(served ? (inNode.sum() - s.servedSum) / static_cast<double>(served) / 1e6
                               : 0.0);
        m_row.push_back((area.queue - s.queue) / dtNs);
        s.busy = area.busy;
        s.capacity = area.capacity;
        s.queue = area.queue;
        s.failed = failed;
        s.served = inNode.count();
        s.servedSum = inNode.sum();
        m_scratch.clear();
        n.collectMetrics(m_scratch);
        // Columns were fixed at start; a node reports the same names every time.
        const std::size_t expected = m_metricCounts[i];
        for (std::size_t k = 0; k < expected; ++k)
            m_row.push_back(k < m_scratch.size() ? m_scratch[k].second : 0.0);
    }
    m_linkRate.resize(m_links.size());
    m_linkSent.resize(m_links.size(), 0);
    for (std::size_t i = 0; i < m_links.size(); ++i) {
        m_linkRate[i] = static_cast<double>(m_links[i].sent - m_linkSent[i]) / dt;
        m_linkSent[i] = m_links[i].sent;
    }
    m_series.append(toSeconds(now()), m_row, &m_metrics.intervalLatency());
    m_metrics.resetInterval();
    if (m_sampleHook)
        m_sampleHook();
}

std::shared_ptr<Snapshot> Simulation::snapshot(std::size_t fromRow, std::size_t fromEvent,
                                               Time duration) const {
    auto s = std::make_shared<Snapshot>();
    s->now = now();
    s->duration = duration;
    s->eventsExecuted = m_kernel.eventsExecuted();
    s->issued = m_metrics.issued();
    s->ok = m_metrics.ok();
    s->failed = m_metrics.failed();
    s->meanMs = m_metrics.latency().mean() / 1e6;
    s->p50Ms = toMillis(m_metrics.latency().quantile(0.50));
    s->p95Ms = toMillis(m_metrics.latency().quantile(0.95));
    s->p99Ms = toMillis(m_metrics.latency().quantile(0.99));
    s->failReasons = m_outcomes.failReasonNames();
    s->nodes.reserve(m_nodes.size());
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node& n = *m_nodes[i];
        NodeSnapshot ns;
        ns.id = n.id();
        ns.kind = n.kind();
        ns.up = n.isUp();
        ns.utilization = i < m_nodeSamples.size() ? m_nodeSamples[i].utilization : 0.0;
        for (const Station* st : n.stations())
            ns.queue += static_cast<double>(st->queueLength());
        const NodeWindow w = window(static_cast<std::uint32_t>(i));
        ns.arrivals = w.arrivals;
        ns.completed = w.completed;
        ns.rejected = w.rejected;
        ns.failures = w.failures;
        ns.served = n.timeInNode().count();
        ns.latencyMeanMs = n.timeInNode().mean() / 1e6;
        ns.latencyP50Ms = toMillis(n.timeInNode().quantile(0.50));
        ns.latencyP99Ms = toMillis(n.timeInNode().quantile(0.99));
        n.collectMetrics(ns.metrics);
        s->nodes.push_back(std::move(ns));
    }
    s->links.reserve(m_links.size());
    for (std::size_t i = 0; i < m_links.size(); ++i) {
        const Link& l = m_links[i];
        s->links.push_back(
            {l.from, l.to, i < m_linkRate.size() ? m_linkRate[i] : 0.0, l.failed, l.cut});
    }
    s->seriesColumns = m_series.columns();
    // After the table halves, row indices shift; a consumer then sees firstRow go back.
    const std::size_t rows = m_series.rows();
    s->firstRow = std::min(fromRow, rows);
    for (std::size_t r = s->firstRow; r < rows; ++r) {
        s->newTimes.push_back(m_series.time()[r]);
        std::vector<double> row;
        row.reserve(m_series.columns().size());
        for (std::size_t c = 0; c < m_series.columns().size(); ++c)
            row.push_back(m_series.values(c)[r]);
        s->newRows.push_back(std::move(row));
    }
    const auto& events = m_log.events();
    for (std::size_t e = std::min(fromEvent, events.size()); e < events.size(); ++e)
        s->newEvents.push_back(events[e]);
    return s;
}

} // namespace sb::emu
