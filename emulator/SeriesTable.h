#pragma once

#include <string>
#include <vector>

namespace sb::emu {

/// Time series sampled at a fixed virtual-time resolution: a time column and named value
/// columns ("throughput_rps", "web1.utilization"). When the row count reaches a cap, pairs
/// of rows are merged and the resolution doubles, so memory stays bounded on long runs.
class SeriesTable {
public:
    explicit SeriesTable(std::size_t maxRows = 4096)
        : m_maxRows(maxRows) {}

    void setColumns(std::vector<std::string> names);
    const std::vector<std::string>& columns() const { return m_names; }
    int column(const std::string& name) const; ///< -1 when absent

    /// Appends one row: time in seconds and one value per column.
    void append(double timeSeconds, const std::vector<double>& values);

    std::size_t rows() const { return m_time.size(); }
    const std::vector<double>& time() const { return m_time; }
    const std::vector<double>& values(std::size_t column) const { return m_values[column]; }
    /// How many rows were merged into each current row (1 until the cap is first hit).
    std::size_t mergeFactor() const { return m_merge; }

    /// CSV text: a header row "t_s,<columns...>" then one line per row.
    std::string toCsv() const;

private:
    void halve();

    std::size_t m_maxRows;
    std::size_t m_merge = 1;
    std::vector<std::string> m_names;
    std::vector<double> m_time;
    std::vector<std::vector<double>> m_values;
    std::vector<double> m_pending; ///< sums of samples not yet making a full row
    std::size_t m_pendingCount = 0;
};

} // namespace sb::emu
