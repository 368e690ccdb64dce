#include "timeline/TimelineRecorder.h"

#include "emulator/Simulation.h"

namespace sb::timeline {

bool TimelineRecorder::sampled(const emu::Simulation& sim) {
    const std::size_t reasons = sim.outcomes().failReasonNames().size();
    if (!m_started) {
        Timeline::Layout layout;
        layout.resolutionSeconds = emu::toSeconds(sim.resolution());
        layout.seriesColumns = sim.series().columns();
        for (const auto& n : sim.nodes()) {
            layout.nodeIds.push_back(n->id());
            layout.nodeKinds.push_back(n->kind());
        }
        layout.failReasons = sim.outcomes().failReasonNames();
        for (const emu::Link& l : sim.links())
            layout.links.push_back({l.from, l.to});
        std::lock_guard lock(m_mutex);
        m_timeline = Timeline(std::move(layout));
        m_started = true;
        m_linkSent.assign(sim.links().size(), 0);
        m_nodeCounts.assign(sim.nodes().size() * (3 + reasons), 0);
    }
    const double dt = emu::toSeconds(sim.resolution());
    m_channels.assign(sim.lastSample().begin(), sim.lastSample().end());
    m_channels.resize(m_timeline.layout().seriesColumns.size(), 0.0);
    for (std::size_t i = 0; i < sim.links().size(); ++i) {
        const emu::Link& l = sim.links()[i];
        m_channels.push_back(static_cast<double>(l.sent - m_linkSent[i]) / dt);
        m_channels.push_back(l.cut ? 1.0 : 0.0);
        m_linkSent[i] = l.sent;
    }
    const auto delta = [this](std::uint64_t now, std::uint64_t& last) {
        m_channels.push_back(static_cast<double>(now - last));
        last = now;
    };
    std::size_t k = 0;
    for (const auto& n : sim.nodes()) {
        const emu::NodeCounters& c = n->counters();
        delta(c.arrivals, m_nodeCounts[k++]);
        delta(c.completed, m_nodeCounts[k++]);
        delta(c.rejected, m_nodeCounts[k++]);
        for (std::size_t r = 0; r < reasons; ++r)
            delta(c.failures[r], m_nodeCounts[k++]);
    }
    delta(sim.metrics().issued(), m_issued);
    delta(sim.metrics().ok(), m_ok);
    delta(sim.metrics().failed(), m_failed);
    const auto& events = sim.log().events();
    std::lock_guard lock(m_mutex);
    m_timeline.append(emu::toSeconds(sim.now()), m_channels);
    for (; m_events < events.size(); ++m_events)
        m_timeline.addEvent(events[m_events]);
    return false;
}

void TimelineRecorder::complete(const emu::RunResult& result) {
    std::lock_guard lock(m_mutex);
    for (std::size_t e = m_events; e < result.events.size(); ++e)
        m_timeline.addEvent(result.events[e]);
    m_events = result.events.size();
}

std::size_t TimelineRecorder::samples() const {
    std::lock_guard lock(m_mutex);
    return m_timeline.samples();
}

emu::Snapshot TimelineRecorder::snapshotAt(std::size_t sample, std::size_t from) const {
    std::lock_guard lock(m_mutex);
    return m_timeline.snapshotAt(sample, from);
}

Timeline TimelineRecorder::timeline() const {
    std::lock_guard lock(m_mutex);
    return m_timeline;
}

} // namespace sb::timeline
