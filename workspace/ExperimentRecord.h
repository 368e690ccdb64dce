#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace sb::ws {

/// One finished experiment kept in a workspace (schema 4), so it can be reopened and
/// reported later.
struct ExperimentRecord {
    std::int64_t id = 0;   ///< assigned by the workspace when 0
    std::string createdAt; ///< ISO 8601 UTC, as RunRecord::startedAt
    std::string label;
    /// The plan: the experiment file of the bound plan (experiments::experimentFileJson).
    nlohmann::json plan = nlohmann::json::object();
    /// The result document experiments::toJson wrote (docs/experiments.md).
    nlohmann::json results = nlohmann::json::object();

    bool operator==(const ExperimentRecord&) const = default;
};

} // namespace sb::ws
