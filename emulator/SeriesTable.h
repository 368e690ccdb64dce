#pragma once

#include "emulator/LatencyHistogram.h"

#include <memory>
#include <string>
#include <vector>

namespace sb::emu {

/// Time series sampled at a fixed virtual-time resolution: a time column and named value
/// columns ("throughput_rps", "web1.utilization"). When the row count reaches a cap, pairs
/// of rows are merged and the resolution doubles, so memory stays bounded on long runs.
/// Each column says how two rows merge, so a merged row is what one row over the longer
/// interval would have measured: rates and gauges average, running totals keep the later
/// value, means weigh by their counts, ratios recompute from their parts, and percentiles
/// come from the rows' merged latency histograms.
class SeriesTable {
public:
    enum class Merge {
        Mean,         ///< a rate or gauge: the mean of the rows
        Last,         ///< a running total: the later row's value
        WeightedMean, ///< a mean over events: weighted by the rate in column `weight`
        Ratio,        ///< part / (part + rest), from the rate columns `part` and `rest`
        Quantile,     ///< the `quantile` of the rows' merged latency histograms, in ms
    };
    struct Column {
        std::string name;
        Merge merge = Merge::Mean;
        int weight = -1; ///< WeightedMean's weight column; Ratio's `part`
        int rest = -1;   ///< Ratio's other column
        double quantile = 0;
    };

    explicit SeriesTable(std::size_t maxRows = 1024)
        : m_maxRows(maxRows) {}

    void setColumns(std::vector<Column> columns);
    /// Columns that all merge as means (a table rebuilt from stored rows).
    void setColumns(const std::vector<std::string>& names);
    const std::vector<std::string>& columns() const { return *m_names; }
    /// The same names, shared: what a snapshot hands on without copying them. setColumns
    /// replaces them; they never change in place.
    std::shared_ptr<const std::vector<std::string>> sharedColumns() const { return m_names; }
    int column(const std::string& name) const; ///< -1 when absent

    /// Appends one sample: time in seconds, one value per column, and the latency
    /// histogram of the sample's interval when the table has Quantile columns.
    void append(double timeSeconds, const std::vector<double>& values,
                const IntervalHistogram* interval = nullptr);

    std::size_t rows() const { return m_time.size(); }
    const std::vector<double>& time() const { return m_time; }
    const std::vector<double>& values(std::size_t column) const { return m_values[column]; }
    /// How many samples were merged into each current row (1 until the cap is first hit).
    std::size_t mergeFactor() const { return m_merge; }

    /// CSV text: a header row "t_s,<columns...>" then one line per row. Whole numbers are
    /// written as integers and others in the shortest form that reads back exactly.
    std::string toCsv() const;

private:
    using Row = std::vector<double>;
    using Counts = IntervalHistogram::Counts;
    /// `into` (standing for `n` samples) absorbs `other` (standing for `otherN`); the
    /// Quantile columns are left for completeQuantiles.
    void combine(Row& into, double n, const Row& other, double otherN);
    void completeQuantiles(Row& row, const Counts& counts) const;
    void halve();

    std::size_t m_maxRows;
    std::size_t m_merge = 1;
    std::vector<Column> m_specs;
    std::shared_ptr<const std::vector<std::string>> m_names =
        std::make_shared<const std::vector<std::string>>();
    bool m_hasQuantiles = false;
    std::vector<double> m_time;
    std::vector<std::vector<double>> m_values;
    std::vector<Counts> m_hist; ///< per row, when there are Quantile columns
    Row m_pending;              ///< samples not yet making a full row, merged
    Counts m_pendingHist;
    Row m_scratch, m_other;
    std::size_t m_pendingCount = 0;
};

} // namespace sb::emu
