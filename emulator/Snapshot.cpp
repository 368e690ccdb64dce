#include "emulator/Simulation.h"

#include "emulator/Station.h"

#include <algorithm>

namespace sb::emu {

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
    static constexpr double kQuantiles[] = {0.50, 0.95, 0.99};
    Time at[3];
    m_metrics.latency().quantiles(kQuantiles, at, 3);
    s->p50Ms = toMillis(at[0]);
    s->p95Ms = toMillis(at[1]);
    s->p99Ms = toMillis(at[2]);
    s->failReasons = m_outcomes.failReasonNames();
    s->nodes.reserve(m_nodes.size());
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node& n = *m_nodes[i];
        NodeSnapshot ns;
        ns.id = n.id();
        ns.kind = n.kind();
        ns.up = n.isUp();
        ns.utilization = m_sampler.utilization(i);
        for (const Station* st : n.stations())
            ns.queue += static_cast<double>(st->queueLength());
        const NodeWindow w = window(static_cast<std::uint32_t>(i));
        ns.arrivals = w.arrivals;
        ns.completed = w.completed;
        ns.rejected = w.rejected;
        ns.failures = w.failures;
        ns.served = n.timeInNode().count();
        ns.latencyMeanMs = n.timeInNode().mean() / 1e6;
        static constexpr double kNodeQuantiles[] = {0.50, 0.99};
        n.timeInNode().quantiles(kNodeQuantiles, at, 2);
        ns.latencyP50Ms = toMillis(at[0]);
        ns.latencyP99Ms = toMillis(at[1]);
        n.collectMetrics(ns.metrics);
        s->nodes.push_back(std::move(ns));
    }
    const std::vector<Link>& links = m_network.links();
    s->links.reserve(links.size());
    for (std::size_t i = 0; i < links.size(); ++i) {
        const Link& l = links[i];
        s->links.push_back({l.from, l.to, m_network.rate(i), l.failed, l.cut});
    }
    s->seriesColumns = m_series.sharedColumns();
    // After the table halves, row indices shift; a consumer then sees firstRow go back.
    const std::size_t rows = m_series.rows();
    s->firstRow = std::min(fromRow, rows);
    const std::size_t columns = m_series.columns().size();
    for (std::size_t r = s->firstRow; r < rows; ++r) {
        s->newTimes.push_back(m_series.time()[r]);
        std::vector<double> row;
        row.reserve(columns);
        for (std::size_t c = 0; c < columns; ++c)
            row.push_back(m_series.values(c)[r]);
        s->newRows.push_back(std::move(row));
    }
    const auto& events = m_log.events();
    for (std::size_t e = std::min(fromEvent, events.size()); e < events.size(); ++e)
        s->newEvents.push_back(events[e]);
    return s;
}

} // namespace sb::emu
