#include "emulator/SeriesTable.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sb::emu {

void SeriesTable::setColumns(std::vector<Column> columns) {
    m_specs = std::move(columns);
    std::vector<std::string> names;
    m_hasQuantiles = false;
    for (const Column& c : m_specs) {
        names.push_back(c.name);
        m_hasQuantiles = m_hasQuantiles || c.merge == Merge::Quantile;
    }
    m_names = std::make_shared<const std::vector<std::string>>(std::move(names));
    m_values.assign(m_specs.size(), {});
    m_time.clear();
    m_hist.clear();
    m_merge = 1;
    m_pending.clear();
    m_pendingHist = {};
    m_pendingCount = 0;
}

void SeriesTable::setColumns(const std::vector<std::string>& names) {
    std::vector<Column> columns;
    columns.reserve(names.size());
    for (const auto& n : names)
        columns.push_back({n});
    setColumns(std::move(columns));
}

int SeriesTable::column(const std::string& name) const {
    const std::vector<std::string>& names = *m_names;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name)
            return static_cast<int>(i);
    return -1;
}

void SeriesTable::combine(Row& into, double n, const Row& other, double otherN) {
    const double total = n + otherN;
    m_scratch.resize(into.size());
    for (std::size_t c = 0; c < m_specs.size(); ++c) {
        const Column& spec = m_specs[c];
        const double a = into[c], b = other[c];
        switch (spec.merge) {
        case Merge::Mean:
        case Merge::Quantile: // recomputed from the merged counts
            m_scratch[c] = (a * n + b * otherN) / total;
            break;
        case Merge::Last:
            m_scratch[c] = b;
            break;
        case Merge::WeightedMean: {
            const auto w = static_cast<std::size_t>(spec.weight);
            const double wa = into[w] * n, wb = other[w] * otherN;
            m_scratch[c] =
                wa + wb > 0 ? (a * wa + b * wb) / (wa + wb) : (a * n + b * otherN) / total;
            break;
        }
        case Merge::Ratio: {
            const auto p = static_cast<std::size_t>(spec.weight);
            const auto r = static_cast<std::size_t>(spec.rest);
            const double part = into[p] * n + other[p] * otherN;
            const double all = part + into[r] * n + other[r] * otherN;
            m_scratch[c] = all > 0 ? part / all : 0.0;
            break;
        }
        }
    }
    into.swap(m_scratch);
}

void SeriesTable::completeQuantiles(Row& row, const Counts& counts) const {
    for (std::size_t c = 0; c < m_specs.size(); ++c)
        if (m_specs[c].merge == Merge::Quantile)
            row[c] = toMillis(counts.quantile(m_specs[c].quantile));
}

void SeriesTable::append(double timeSeconds, const std::vector<double>& values,
                         const IntervalHistogram* interval) {
    // After the table has halved, each row stands for m_merge samples.
    Row& sample = m_pendingCount == 0 ? m_pending : m_other;
    sample.assign(m_values.size(), 0.0);
    std::copy_n(values.begin(), std::min(values.size(), sample.size()), sample.begin());
    if (m_hasQuantiles && interval)
        interval->addTo(m_pendingHist);
    if (m_pendingCount > 0)
        combine(m_pending, static_cast<double>(m_pendingCount), m_other, 1.0);
    if (++m_pendingCount < m_merge)
        return;
    if (m_merge > 1 && m_hasQuantiles)
        completeQuantiles(m_pending, m_pendingHist);
    m_time.push_back(timeSeconds);
    for (std::size_t c = 0; c < m_values.size(); ++c)
        m_values[c].push_back(m_pending[c]);
    if (m_hasQuantiles)
        m_hist.push_back(std::move(m_pendingHist));
    m_pendingHist = {};
    m_pendingCount = 0;
    if (m_time.size() >= m_maxRows)
        halve();
}

void SeriesTable::halve() {
    // Merge row pairs into the later time stamp.
    const std::size_t pairs = m_time.size() / 2;
    const auto n = static_cast<double>(m_merge);
    Row merged(m_values.size());
    m_other.resize(m_values.size());
    for (std::size_t i = 0; i < pairs; ++i) {
        for (std::size_t c = 0; c < m_values.size(); ++c) {
            merged[c] = m_values[c][2 * i];
            m_other[c] = m_values[c][2 * i + 1];
        }
        combine(merged, n, m_other, n);
        if (m_hasQuantiles) {
            Counts counts = std::move(m_hist[2 * i]);
            counts.merge(m_hist[2 * i + 1]);
            completeQuantiles(merged, counts);
            m_hist[i] = std::move(counts);
        }
        m_time[i] = m_time[2 * i + 1];
        for (std::size_t c = 0; c < m_values.size(); ++c)
            m_values[c][i] = merged[c];
    }
    m_time.resize(pairs);
    for (auto& col : m_values)
        col.resize(pairs);
    if (m_hasQuantiles)
        m_hist.resize(pairs);
    m_merge *= 2;
}

namespace {

void appendNumber(std::string& out, double v) {
    char buf[64];
    char* end;
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9.007199254740992e15)
        end = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v)).ptr;
    else
        end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out.append(buf, end);
}

} // namespace

std::string SeriesTable::toCsv() const {
    std::string out = "t_s";
    for (const auto& n : *m_names)
        out += "," + n;
    out += '\n';
    for (std::size_t r = 0; r < m_time.size(); ++r) {
        appendNumber(out, m_time[r]);
        for (const auto& col : m_values) {
            out += ',';
            appendNumber(out, col[r]);
        }
        out += '\n';
    }
    return out;
}

} // namespace sb::emu
