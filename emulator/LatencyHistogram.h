#pragma once

#include "emulator/Time.h"

#include <cstdint>
#include <vector>

namespace sb::emu {

/// A log-linear (HDR-style) histogram of non-negative integer values (nanoseconds):
/// 2^kSubBits sub-buckets per power of two, so a reported percentile is within
/// kRelativeError of the true sample value. Fixed memory, O(1) record.
class LatencyHistogram {
public:
    static constexpr int kSubBits = 7;
    static constexpr double kRelativeError = 1.0 / (1 << kSubBits); // 0.78 %
    static constexpr int kMaxExponent = 44;                         // about 4.9 hours in ns

    LatencyHistogram();

    void record(Time value) {
        if (value < 0)
            value = 0;
        ++m_counts[indexOf(value)];
        ++m_total;
        m_sum += static_cast<double>(value);
        if (value > m_max)
            m_max = value;
        if (value < m_min)
            m_min = value;
    }
    void merge(const LatencyHistogram& other);
    void clear();

    std::uint64_t count() const { return m_total; }
    double mean() const { return m_total ? m_sum / static_cast<double>(m_total) : 0.0; }
    Time max() const { return m_total ? m_max : 0; }
    Time min() const { return m_total ? m_min : 0; }
    /// The value at quantile q in [0, 1] (0.99 = p99).
    Time quantile(double q) const;

private:
    static std::size_t indexOf(Time value) {
        const auto v = static_cast<std::uint64_t>(value);
        if (v < (1u << kSubBits))
            return v;
        int e = 63 - __builtin_clzll(v);
        if (e > kMaxExponent) {
            e = kMaxExponent;
            return static_cast<std::size_t>(e - kSubBits + 1) * (1u << kSubBits) +
                   ((1u << kSubBits) - 1);
        }
        const std::uint64_t sub = v >> (e - kSubBits);
        return static_cast<std::size_t>(e - kSubBits + 1) * (1u << kSubBits) +
               (sub - (1u << kSubBits));
    }
    static Time midpointOf(std::size_t index);

    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
    double m_sum = 0;
    Time m_max = 0;
    Time m_min = kNever;
};

} // namespace sb::emu
