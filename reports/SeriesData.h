#pragma once

#include <string>
#include <vector>

namespace sb::emu {
class SeriesTable;
}

namespace sb::reports {

/// A run's time series as a report reads them: named columns sampled at common times,
/// from a finished run's table or from the CSV a workspace stored.
struct SeriesData {
    std::vector<std::string> columns;
    std::vector<double> time;
    std::vector<std::vector<double>> values; ///< one vector per column

    int column(const std::string& name) const; ///< -1 when absent
    bool empty() const { return time.empty(); }

    static SeriesData fromTable(const emu::SeriesTable& table);
    /// Reads "t_s,col,..." CSV as SeriesTable::toCsv writes it; malformed rows are skipped.
    static SeriesData fromCsv(const std::string& csv);
};

} // namespace sb::reports
