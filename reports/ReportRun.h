#pragma once

#include "reports/RunSummary.h"
#include "reports/SeriesData.h"
#include "timeline/Explanation.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sb::emu {
struct RunResult;
}
namespace sb::ws {
struct RunRecord;
}

namespace sb::reports {

/// One run as a report shows it, whether it just finished or comes from a workspace's
/// history: its label, settings (duration_s, warmup_s, seed), the --json summary and the
/// series.
struct ReportRun {
    std::string label;
    nlohmann::json settings = nlohmann::json::object();
    nlohmann::json summary = nlohmann::json::object();
    /// The summary read once into typed fields (what the report shows).
    RunSummary facts;
    SeriesData series;

    std::uint64_t seed() const;
    double durationSeconds() const;
    double warmupSeconds() const;

    /// A finished run; what happened in it, when given, is its summary's `explanation`.
    static ReportRun fromResult(const emu::RunResult& result, std::string label,
                                const std::vector<timeline::Sentence>& explanation = {});
    static ReportRun fromRecord(const ws::RunRecord& record);
    /// The workspace record of a finished run (settings, summary, series CSV), stamped now.
    static ws::RunRecord toRecord(const emu::RunResult& result, std::string label);
};

} // namespace sb::reports
