#include "gui/live/RunRecord.h"

#include <algorithm>

namespace sb::gui {

int RunRecord::column(const std::string& name) const {
    auto it = std::find(columns.begin(), columns.end(), name);
    return it == columns.end() ? -1 : int(it - columns.begin());
}

emu::SeriesTable RunRecord::toSeriesTable() const {
    emu::SeriesTable table(std::max<std::size_t>(rows() + 1, 20000));
    table.setColumns(columns);
    std::vector<double> row(columns.size());
    for (std::size_t r = 0; r < rows(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c)
            row[c] = values[c][r];
        table.append(times[r], row);
    }
    return table;
}

} // namespace sb::gui
