// Small helpers for the data-path suites: designs as JSON, runs, series look-ups.
#pragma once

#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "emulator/RunResult.h"

#include <QtTest>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace datatest {

using nlohmann::json;

inline json node(const std::string& id, const std::string& kind, json props = json::object()) {
    return {{"id", id}, {"kind", kind}, {"props", std::move(props)}};
}

inline json edge(const std::string& from, const std::string& to, json props = json::object()) {
    return {{"from", from}, {"to", to}, {"props", std::move(props)}};
}

inline json design(json nodes, json links, json faults = json::array()) {
    return {{"format", "scaleboard-design"}, {"version", 1},
            {"name", "data path"},           {"nodes", std::move(nodes)},
            {"links", std::move(links)},     {"faults", std::move(faults)}};
}

inline json fault(double atS, const std::string& target, const std::string& action,
                  json params = json::object()) {
    json f{{"at_s", atS}, {"target", target}, {"action", action}};
    f.update(params);
    return f;
}

/// Loads (and validates) a design document; fails the test with the problems otherwise.
inline sb::design::Design load(const json& document) {
    auto loaded = sb::design::readDesignJson(document, sb::comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("invalid test design: %s", sb::design::formatProblems(loaded.problems).c_str());
    return *loaded.design;
}

inline sb::emu::RunResult run(const json& document, double durationS, std::uint64_t seed = 1,
                              double warmupS = 0) {
    sb::emu::RunSettings s;
    s.durationSeconds = durationS;
    s.warmupSeconds = warmupS;
    s.seed = seed;
    return sb::comp::runDesign(load(document), s);
}

/// The value of a series column in the last row at or before `t` seconds.
inline double at(const sb::emu::RunResult& r, const std::string& column, double t) {
    const int c = r.series.column(column);
    if (c < 0)
        qFatal("no series column %s", column.c_str());
    double value = 0;
    for (std::size_t i = 0; i < r.series.rows() && r.series.time()[i] <= t + 1e-9; ++i)
        value = r.series.values(static_cast<std::size_t>(c))[i];
    return value;
}

/// The largest value of a column over rows with time in [from, to].
inline double maxBetween(const sb::emu::RunResult& r, const std::string& column, double from,
                         double to) {
    const int c = r.series.column(column);
    if (c < 0)
        qFatal("no series column %s", column.c_str());
    double value = 0;
    for (std::size_t i = 0; i < r.series.rows(); ++i)
        if (r.series.time()[i] >= from - 1e-9 && r.series.time()[i] <= to + 1e-9)
            value = std::max(value, r.series.values(static_cast<std::size_t>(c))[i]);
    return value;
}

inline std::vector<sb::emu::LogEvent> events(const sb::emu::RunResult& r, const std::string& kind) {
    std::vector<sb::emu::LogEvent> out;
    for (const auto& e : r.events)
        if (e.kind == kind)
            out.push_back(e);
    return out;
}

} // namespace datatest
