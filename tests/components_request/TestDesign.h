#pragma once

#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/Design.h"
#include "design/Validation.h"
#include "emulator/RunResult.h"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace sbtest {

using nlohmann::json;

/// A design written in code, node by node, validated against the built-in kinds before it
/// runs.
class TestDesign {
public:
    TestDesign& dc(const std::string& id, const std::string& region) {
        sb::design::DataCentre d;
        d.id = sb::design::DataCentreId{id};
        d.region = region;
        m_design.datacentres.push_back(d);
        return *this;
    }
    TestDesign& node(const std::string& id, const std::string& kind, json props = json::object(),
                     const std::string& dc = {}) {
        sb::design::Node n;
        n.id = sb::design::NodeId{id};
        n.kind = kind;
        n.dc = dc;
        n.props = std::move(props);
        m_design.nodes.push_back(std::move(n));
        return *this;
    }
    TestDesign& link(const std::string& from, const std::string& to, json props = json::object()) {
        sb::design::Link l;
        l.from = sb::design::NodeId{from};
        l.to = sb::design::NodeId{to};
        l.props = std::move(props);
        m_design.links.push_back(std::move(l));
        return *this;
    }
    TestDesign& fault(double at, const std::string& target, const std::string& action,
                      json params = json::object()) {
        sb::design::Fault f;
        f.atSeconds = at;
        f.target = target;
        f.action = action;
        f.params = std::move(params);
        m_design.faults.push_back(std::move(f));
        return *this;
    }
    sb::design::Design& design() { return m_design; }

    /// The validation errors, one per line ("" when the design is valid).
    std::string errors() const {
        std::string out;
        for (const auto& p : sb::design::validate(m_design, sb::comp::ComponentRegistry::builtin()))
            if (p.isError())
                out += p.message + "\n";
        return out;
    }

    sb::emu::RunResult run(double duration, double warmup = 0, std::uint64_t seed = 1) const {
        const std::string problems = errors();
        if (!problems.empty())
            throw std::invalid_argument("invalid test design: " + problems);
        sb::emu::RunSettings settings;
        settings.durationSeconds = duration;
        settings.warmupSeconds = warmup;
        settings.seed = seed;
        return sb::comp::runDesign(m_design, settings);
    }

private:
    sb::design::Design m_design;
};

/// One series column of a run ("errors_rps", "web1.utilization"); empty when absent.
inline std::vector<double> seriesColumn(const sb::emu::RunResult& r, const std::string& name) {
    const int c = r.series.column(name);
    return c < 0 ? std::vector<double>{} : r.series.values(static_cast<std::size_t>(c));
}

/// The mean of a series column over rows with time in (from, to].
inline double seriesMean(const sb::emu::RunResult& r, const std::string& name, double from,
                         double to) {
    const auto values = seriesColumn(r, name);
    const auto& time = r.series.time();
    double sum = 0;
    int n = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (time[i] > from && time[i] <= to) {
            sum += values[i];
            ++n;
        }
    return n ? sum / n : 0.0;
}

/// The time of the first event of `kind` (about `node` when given), or -1.
inline double firstEvent(const sb::emu::RunResult& r, const std::string& kind,
                         const std::string& node = {}) {
    for (const auto& e : r.events)
        if (e.kind == kind && (node.empty() || e.node == node))
            return sb::emu::toSeconds(e.time);
    return -1;
}

inline std::uint64_t arrivals(const sb::emu::RunResult& r, const std::string& node) {
    const auto* n = r.node(node);
    return n ? n->arrivals : 0;
}

} // namespace sbtest
