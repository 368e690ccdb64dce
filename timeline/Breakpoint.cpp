#include "timeline/Breakpoint.h"

#include "emulator/Simulation.h"

#include <cstdio>
#include <regex>

namespace sb::timeline {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

} // namespace

std::string Breakpoint::describe() const {
    switch (when) {
    case When::ErrorRateAbove:
        return "error rate > " + number(threshold * 100) + "%";
    case When::P99Above:
        return "p99 > " + number(threshold) + " ms";
    case When::NodeDown:
        return node + " down";
    case When::NodeDetectedDown:
        return (node.empty() ? std::string("any node") : node) + " detected down";
    case When::QueueAbove:
        return node + " queue > " + number(threshold);
    case When::AlertFired:
        return node.empty() ? "alert fired" : "alert fired by " + node;
    }
    return {};
}

std::optional<Breakpoint> Breakpoint::parse(const std::string& text) {
    static const std::regex errorRate(R"(\s*error[ _]rate\s*>\s*([0-9]*\.?[0-9]+)\s*(%?)\s*)",
                                      std::regex::icase);
    static const std::regex p99(R"(\s*p99\s*>\s*([0-9]*\.?[0-9]+)\s*(ms)?\s*)", std::regex::icase);
    static const std::regex down(R"(\s*(?:down\s+(\S+)|(\S+)\s+down)\s*)", std::regex::icase);
    static const std::regex detected(
        R"(\s*(?:detected\s+(\S+)|(\S+)\s+detected\s+down|any node detected down)\s*)",
        std::regex::icase);
    static const std::regex queue(
        R"(\s*(?:queue\s+(\S+)|(\S+)\s+queue)\s*>\s*([0-9]*\.?[0-9]+)\s*)", std::regex::icase);
    static const std::regex alert(R"(\s*alert(?:\s+fired)?(?:\s+(?:by\s+)?(\S+))?\s*)",
                                  std::regex::icase);
    std::smatch m;
    Breakpoint b;
    if (std::regex_match(text, m, errorRate)) {
        b.threshold = std::stod(m[1]) / (m[2].length() ? 100.0 : 1.0);
    } else if (std::regex_match(text, m, p99)) {
        b.when = When::P99Above;
        b.threshold = std::stod(m[1]);
    } else if (std::regex_match(text, m, detected)) {
        b.when = When::NodeDetectedDown;
        b.node = m[1].matched ? m[1].str() : m[2].str();
    } else if (std::regex_match(text, m, down)) {
        b.when = When::NodeDown;
        b.node = m[1].matched ? m[1].str() : m[2].str();
    } else if (std::regex_match(text, m, queue)) {
        b.when = When::QueueAbove;
        b.node = m[1].matched ? m[1].str() : m[2].str();
        b.threshold = std::stod(m[3]);
    } else if (std::regex_match(text, m, alert)) {
        b.when = When::AlertFired;
        b.node = m[1].str();
    } else {
        return std::nullopt;
    }
    return b;
}

void BreakpointSet::add(Breakpoint breakpoint) {
    std::lock_guard lock(m_mutex);
    m_armed.push_back(std::move(breakpoint));
}

void BreakpointSet::clear() {
    std::lock_guard lock(m_mutex);
    m_armed.clear();
}

std::vector<Breakpoint> BreakpointSet::armed() const {
    std::lock_guard lock(m_mutex);
    return m_armed;
}

std::vector<BreakpointSet::Hit> BreakpointSet::hits() const {
    std::lock_guard lock(m_mutex);
    return m_hits;
}

std::optional<double> BreakpointSet::holds(const Breakpoint& b, const emu::Simulation& sim) const {
    const auto column = [&](const std::string& name) -> std::optional<double> {
        const int c = sim.series().column(name);
        if (c < 0 || static_cast<std::size_t>(c) >= sim.lastSample().size())
            return std::nullopt;
        return sim.lastSample()[static_cast<std::size_t>(c)];
    };
    const auto above = [](std::optional<double> v, double threshold) -> std::optional<double> {
        return v && *v > threshold ? v : std::nullopt;
    };
    const auto event = [&](const char* kind) -> std::optional<double> {
        for (const emu::LogEvent& e : m_newEvents)
            if (e.kind == kind && (b.node.empty() || e.node == b.node))
                return 1.0;
        return std::nullopt;
    };
    switch (b.when) {
    case Breakpoint::When::ErrorRateAbove:
        return above(column("error_rate"), b.threshold);
    case Breakpoint::When::P99Above:
        return above(column("latency_p99_ms"), b.threshold);
    case Breakpoint::When::NodeDown: {
        const std::optional<double> up = column(b.node + ".up");
        return up && *up == 0 ? std::optional<double>(1.0) : std::nullopt;
    }
    case Breakpoint::When::NodeDetectedDown:
        return event("detected_down");
    case Breakpoint::When::QueueAbove:
        return above(column(b.node + ".queue"), b.threshold);
    case Breakpoint::When::AlertFired:
        return event("alert_fired");
    }
    return std::nullopt;
}

bool BreakpointSet::sampled(const emu::Simulation& sim) {
    const auto& events = sim.log().events();
    std::lock_guard lock(m_mutex);
    m_newEvents.assign(events.begin() +
                           static_cast<std::ptrdiff_t>(std::min(m_events, events.size())),
                       events.end());
    m_events = events.size();
    bool pause = false;
    for (auto it = m_armed.begin(); it != m_armed.end();) {
        if (const std::optional<double> v = holds(*it, sim)) {
            m_hits.push_back({*it, sim.now(), *v});
            it = m_armed.erase(it);
            pause = true;
        } else {
            ++it;
        }
    }
    return pause;
}

} // namespace sb::timeline
