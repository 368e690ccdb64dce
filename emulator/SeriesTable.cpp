#include "emulator/SeriesTable.h"

#include <cstdio>

namespace sb::emu {

void SeriesTable::setColumns(std::vector<std::string> names) {
    m_names = std::move(names);
    m_values.assign(m_names.size(), {});
    m_time.clear();
    m_merge = 1;
    m_pending.clear();
    m_pendingCount = 0;
}

int SeriesTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < m_names.size(); ++i)
        if (m_names[i] == name)
            return static_cast<int>(i);
    return -1;
}

void SeriesTable::append(double timeSeconds, const std::vector<double>& values) {
    // After the table has halved, each row stands for m_merge samples: accumulate them.
    m_pending.resize(m_values.size(), 0.0);
    for (std::size_t c = 0; c < m_values.size(); ++c)
        m_pending[c] += c < values.size() ? values[c] : 0.0;
    if (++m_pendingCount < m_merge)
        return;
    m_time.push_back(timeSeconds);
    for (std::size_t c = 0; c < m_values.size(); ++c) {
        m_values[c].push_back(m_pending[c] / static_cast<double>(m_merge));
        m_pending[c] = 0.0;
    }
    m_pendingCount = 0;
    if (m_time.size() >= m_maxRows)
        halve();
}

void SeriesTable::halve() {
    // Merge row pairs: the later time stamp, the mean of the values.
    const std::size_t pairs = m_time.size() / 2;
    for (std::size_t i = 0; i < pairs; ++i) {
        m_time[i] = m_time[2 * i + 1];
        for (auto& col : m_values)
            col[i] = (col[2 * i] + col[2 * i + 1]) / 2.0;
    }
    m_time.resize(pairs);
    for (auto& col : m_values)
        col.resize(pairs);
    m_merge *= 2;
}

std::string SeriesTable::toCsv() const {
    std::string out = "t_s";
    for (const auto& n : m_names)
        out += "," + n;
    out += '\n';
    char buf[64];
    for (std::size_t r = 0; r < m_time.size(); ++r) {
        std::snprintf(buf, sizeof buf, "%.3f", m_time[r]);
        out += buf;
        for (const auto& col : m_values) {
            std::snprintf(buf, sizeof buf, ",%.6g", col[r]);
            out += buf;
        }
        out += '\n';
    }
    return out;
}

} // namespace sb::emu
