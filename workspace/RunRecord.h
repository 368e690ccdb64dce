#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace sb::ws {

/// One run kept in a workspace's history, so runs can be compared and reported later.
struct RunRecord {
    std::int64_t id = 0;   ///< assigned by the workspace when 0
    std::string startedAt; ///< ISO 8601 UTC, "2026-11-27T18:16:25Z"
    std::string label;
    nlohmann::json settings = nlohmann::json::object(); ///< duration_s, warmup_s, seed, speed
    nlohmann::json summary = nlohmann::json::object();  ///< emu::toJson(RunResult)
    std::string seriesCsv;                              ///< the run's time series
    /// The run's recorded timeline (timeline::Timeline::encode()); empty when none was kept.
    std::string timeline;

    bool operator==(const RunRecord&) const = default;
};

/// The current time in the form RunRecord::startedAt uses.
std::string isoTimestampNow();

} // namespace sb::ws
