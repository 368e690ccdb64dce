#include "reports/ReportRun.h"

#include "emulator/RunResult.h"
#include "workspace/RunRecord.h"

namespace sb::reports {

namespace {

nlohmann::json settingsOf(const emu::RunSettings& s) {
    return {{"duration_s", s.durationSeconds},
            {"warmup_s", s.warmupSeconds},
            {"seed", s.seed},
            {"speed", s.speed}};
}

} // namespace

std::uint64_t ReportRun::seed() const {
    return settings.value("seed", std::uint64_t{0});
}

double ReportRun::durationSeconds() const {
    return settings.value("duration_s", 0.0);
}

double ReportRun::warmupSeconds() const {
    return settings.value("warmup_s", 0.0);
}

ReportRun ReportRun::fromResult(const emu::RunResult& result, std::string label,
                                const std::vector<timeline::Sentence>& explanation) {
    ReportRun run;
    run.label = std::move(label);
    run.settings = settingsOf(result.settings);
    run.summary = emu::toJson(result);
    if (!explanation.empty())
        run.summary["explanation"] = timeline::toJson(explanation);
    run.facts = RunSummary::read(run.summary);
    run.series = SeriesData::fromTable(result.series);
    return run;
}

ReportRun ReportRun::fromRecord(const ws::RunRecord& record) {
    ReportRun run;
    run.label = record.label.empty() ? "run " + std::to_string(record.id) : record.label;
    if (!record.startedAt.empty())
        run.label += " (" + record.startedAt + ")";
    run.settings = record.settings;
    run.summary = record.summary;
    run.facts = RunSummary::read(run.summary);
    run.series = SeriesData::fromCsv(record.seriesCsv);
    return run;
}

ws::RunRecord ReportRun::toRecord(const emu::RunResult& result, std::string label) {
    ws::RunRecord record;
    record.startedAt = ws::isoTimestampNow();
    record.label = std::move(label);
    record.settings = settingsOf(result.settings);
    record.summary = emu::toJson(result);
    record.seriesCsv = result.series.toCsv();
    return record;
}

} // namespace sb::reports
