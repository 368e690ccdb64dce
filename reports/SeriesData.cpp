#include "reports/SeriesData.h"

#include "emulator/SeriesTable.h"

#include <cstdlib>
#include <sstream>

namespace sb::reports {

namespace {

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ','))
        out.push_back(cell);
    return out;
}

} // namespace

int SeriesData::column(const std::string& name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name)
            return static_cast<int>(i);
    return -1;
}

SeriesData SeriesData::fromTable(const emu::SeriesTable& table) {
    SeriesData s;
    s.columns = table.columns();
    s.time = table.time();
    for (std::size_t c = 0; c < s.columns.size(); ++c)
        s.values.push_back(table.values(c));
    return s;
}

SeriesData SeriesData::fromCsv(const std::string& csv) {
    SeriesData s;
    std::istringstream in(csv);
    std::string line;
    if (!std::getline(in, line))
        return s;
    auto header = splitCsv(line);
    if (header.empty() || header.front() != "t_s")
        return s;
    s.columns.assign(header.begin() + 1, header.end());
    s.values.resize(s.columns.size());
    while (std::getline(in, line)) {
        const auto cells = splitCsv(line);
        if (cells.size() != header.size())
            continue;
        s.time.push_back(std::strtod(cells[0].c_str(), nullptr));
        for (std::size_t c = 1; c < cells.size(); ++c)
            s.values[c - 1].push_back(std::strtod(cells[c].c_str(), nullptr));
    }
    return s;
}

} // namespace sb::reports
