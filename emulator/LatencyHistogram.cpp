#include "emulator/LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace sb::emu {

LatencyHistogram::LatencyHistogram()
    : m_counts(static_cast<std::size_t>(kMaxExponent - kSubBits + 2) * (1u << kSubBits), 0) {}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_total += other.m_total;
    m_sum += other.m_sum;
    m_max = std::max(m_max, other.m_max);
    m_min = std::min(m_min, other.m_min);
}

void LatencyHistogram::clear() {
    if (m_total == 0)
        return;
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_total = 0;
    m_sum = 0;
    m_max = 0;
    m_min = kNever;
}

Time LatencyHistogram::midpointOf(std::size_t index) {
    const std::size_t subCount = 1u << kSubBits;
    if (index < subCount)
        return static_cast<Time>(index);
    const std::size_t bucket = index / subCount; // >= 1
    const std::size_t sub = index % subCount + subCount;
    const int shift = static_cast<int>(bucket) - 1;
    const std::uint64_t lower = static_cast<std::uint64_t>(sub) << shift;
    const std::uint64_t width = std::uint64_t{1} << shift;
    return static_cast<Time>(lower + width / 2);
}

Time LatencyHistogram::quantile(double q) const {
    if (m_total == 0)
        return 0;
    q = std::clamp(q, 0.0, 1.0);
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(m_total))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank)
            return std::clamp(midpointOf(i), m_min, m_max);
    }
    return m_max;
}

} // namespace sb::emu
