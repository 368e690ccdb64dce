#pragma once

#include "emulator/EventLog.h"
#include "emulator/RunResult.h"
#include "emulator/SeriesTable.h"

#include "timeline/Timeline.h"

#include <QString>
#include <string>
#include <vector>

namespace sb::gui {

/// What the window keeps of one run: its settings, the series rows the engine published
/// (column-major, as the charts read them) and the event log. Kept after the run ends so a
/// later run can be overlaid on it.
struct RunRecord {
    QString label; ///< "seed 7", shown in chart legends when runs are compared
    emu::RunSettings settings;
    std::vector<std::string> columns;
    std::vector<double> times;
    std::vector<std::vector<double>> values; ///< one vector per column
    std::vector<emu::LogEvent> events;
    std::vector<std::pair<std::string, std::string>> nodes; ///< (id, kind) of the design run

    int column(const std::string& name) const; ///< -1 when absent
    std::size_t rows() const { return times.size(); }
    /// The same rows as an engine series table (its toCsv() is the CLI's --csv).
    emu::SeriesTable toSeriesTable() const;
    /// A recorded run's series rows, events and nodes (a run replayed from the history).
    static RunRecord fromTimeline(const timeline::Timeline& recorded);
};

} // namespace sb::gui
