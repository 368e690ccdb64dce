#include "emulator/SeriesSampler.h"

#include "emulator/Simulation.h"
#include "emulator/Station.h"

namespace sb::emu {

namespace {
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

SeriesSampler::SeriesSampler(Simulation& sim)
    : m_sim(sim)
    , m_entity(sim.kernel().addEntity(this)) {}

void SeriesSampler::setUp(Time resolution) {
    m_resolution = resolution;
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
    const Outcomes& outcomes = m_sim.outcomes();
    m_counterColumns.clear();
    for (std::size_t i = 0; i < outcomes.counters().size(); ++i)
        if (outcomes.counters()[i].column == Outcomes::Column::RunningTotal) {
            columns.push_back({outcomes.counters()[i].name, Merge::Last});
            m_counterColumns.push_back({static_cast<std::uint32_t>(i)});
        }
    m_metricCounts.clear();
    for (const auto& n : m_sim.nodes()) {
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
    m_sim.series().setColumns(std::move(columns));
    m_nodeSamples.assign(m_sim.nodes().size(), {});
    m_baselines.assign(m_sim.nodes().size(), {});
}

void SeriesSampler::arm(Time warmup) {
    m_sim.kernel().schedule(m_resolution, m_entity, kSample);
    if (warmup > 0)
        m_sim.kernel().schedule(warmup, m_entity, kOpenWindow);
}

void SeriesSampler::handleEvent(std::uint32_t kind, std::uint64_t) {
    if (kind == kOpenWindow) {
        openWindow();
        return;
    }
    sample();
    m_sim.kernel().scheduleIn(m_resolution, m_entity, kSample);
}

void SeriesSampler::openWindow() {
    const auto& nodes = m_sim.nodes();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        Node& n = *nodes[i];
        const Integrals area = integralsOf(n);
        m_baselines[i] = {n.counters(), area.busy, area.capacity, area.queue};
        n.m_timeInNode.clear();
        m_nodeSamples[i].served = 0;
        m_nodeSamples[i].servedSum = 0;
    }
}

NodeWindow SeriesSampler::window(std::uint32_t index) const {
    const Node& n = *m_sim.nodes()[index];
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
    const Time now = m_sim.now();
    const Time warmupEnd = m_sim.metrics().warmupEnd();
    const Time start = now > warmupEnd ? warmupEnd : 0;
    const auto elapsed = static_cast<double>(now - start);
    w.queueMean = elapsed > 0 ? (area.queue - b.queue) / elapsed : 0.0;
    return w;
}

double SeriesSampler::utilization(std::size_t node) const {
    return node < m_nodeSamples.size() ? m_nodeSamples[node].utilization : 0.0;
}

void SeriesSampler::sample() {
    RunMetrics& metrics = m_sim.metrics();
    const double dt = toSeconds(m_resolution);
    const RunMetrics::Interval iv = metrics.interval();
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
        m_row.push_back(static_cast<double>(m_sim.outcomes()[c]));
    const auto dtNs = static_cast<double>(m_resolution);
    const auto& nodes = m_sim.nodes();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Node& n = *nodes[i];
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
    m_sim.network().measureRates(dt);
    m_sim.series().append(toSeconds(m_sim.now()), m_row, &metrics.intervalLatency());
    metrics.resetInterval();
    if (m_hook)
        m_hook();
}

} // namespace sb::emu
