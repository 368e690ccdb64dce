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

RunRecord RunRecord::fromTimeline(const timeline::Timeline& recorded) {
    RunRecord r;
    const auto& layout = recorded.layout();
    r.settings.resolutionSeconds = layout.resolutionSeconds;
    r.columns = layout.seriesColumns;
    r.values.assign(r.columns.size(), {});
    for (std::size_t s = 0; s < recorded.samples(); ++s) {
        r.times.push_back(recorded.time(s));
        for (std::size_t c = 0; c < r.columns.size(); ++c)
            r.values[c].push_back(recorded.value(s, c));
    }
    r.events = recorded.events();
    for (std::size_t n = 0; n < layout.nodeIds.size(); ++n)
        r.nodes.emplace_back(layout.nodeIds[n], layout.nodeKinds[n]);
    return r;
}

} // namespace sb::gui
