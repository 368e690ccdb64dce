#pragma once

#include "emulator/Time.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace sb::emu {

/// A log-linear (HDR-style) histogram of non-negative integer values (nanoseconds):
/// 2^SubBits sub-buckets per power of two, so a reported percentile is within
/// kRelativeError of the true sample value. O(1) record; the buckets are allocated on the
/// first record, and quantiles and clearing visit only the range of buckets in use.
template <int SubBits> class BasicLatencyHistogram {
public:
    static constexpr int kSubBits = SubBits;
    static constexpr double kRelativeError = 1.0 / (1 << kSubBits);
    static constexpr int kMaxExponent = 44; // about 4.9 hours in ns
    static constexpr std::size_t kBuckets =
        static_cast<std::size_t>(kMaxExponent - kSubBits + 2) * (1u << kSubBits);

    void record(Time value) {
        if (value < 0)
            value = 0;
        if (m_counts.empty())
            m_counts.assign(kBuckets, 0);
        const std::size_t i = indexOf(value);
        ++m_counts[i];
        if (i < m_lo)
            m_lo = i;
        if (i >= m_hi)
            m_hi = i + 1;
        ++m_total;
        m_sum += static_cast<double>(value);
        if (value > m_max)
            m_max = value;
        if (value < m_min)
            m_min = value;
    }
    void merge(const BasicLatencyHistogram& other) {
        if (other.m_total == 0)
            return;
        if (m_counts.empty())
            m_counts.assign(kBuckets, 0);
        for (std::size_t i = other.m_lo; i < other.m_hi; ++i)
            m_counts[i] += other.m_counts[i];
        m_lo = std::min(m_lo, other.m_lo);
        m_hi = std::max(m_hi, other.m_hi);
        m_total += other.m_total;
        m_sum += other.m_sum;
        m_max = std::max(m_max, other.m_max);
        m_min = std::min(m_min, other.m_min);
    }
    void clear() {
        if (m_total == 0)
            return;
        std::fill(m_counts.begin() + static_cast<std::ptrdiff_t>(m_lo),
                  m_counts.begin() + static_cast<std::ptrdiff_t>(m_hi), 0);
        m_lo = kBuckets;
        m_hi = 0;
        m_total = 0;
        m_sum = 0;
        m_max = 0;
        m_min = kNever;
    }

    std::uint64_t count() const { return m_total; }
    double sum() const { return m_sum; } ///< of every recorded value, in ns
    double mean() const { return m_total ? m_sum / static_cast<double>(m_total) : 0.0; }
    Time max() const { return m_total ? m_max : 0; }
    Time min() const { return m_total ? m_min : 0; }
    /// The value at quantile q in [0, 1] (0.99 = p99).
    Time quantile(double q) const {
        Time out = 0;
        quantiles(&q, &out, 1);
        return out;
    }
    /// The values at `n` quantiles in ascending order, in one pass over the buckets.
    void quantiles(const double* q, Time* out, std::size_t n) const {
        std::size_t next = 0;
        if (m_total == 0) {
            std::fill(out, out + n, 0);
            return;
        }
        std::uint64_t seen = 0;
        std::uint64_t rank = rankOf(q[0], m_total);
        for (std::size_t i = m_lo; i < m_hi && next < n; ++i) {
            seen += m_counts[i];
            while (seen >= rank) {
                out[next++] = std::clamp(midpointOf(i), m_min, m_max);
                if (next == n)
                    break;
                rank = rankOf(q[next], m_total);
            }
        }
        std::fill(out + next, out + n, m_max);
    }

    /// The buckets in use, from the first to the last: what a series row keeps so that
    /// merged rows recompute their percentiles from merged counts.
    struct Counts {
        std::uint32_t first = 0;
        std::vector<std::uint32_t> counts;
        Time min = kNever, max = 0;

        void merge(const Counts& other) {
            if (other.counts.empty())
                return;
            const auto size = static_cast<std::uint32_t>(other.counts.size());
            cover(other.first, other.first + size);
            for (std::uint32_t i = 0; i < size; ++i)
                counts[other.first - first + i] += other.counts[i];
            min = std::min(min, other.min);
            max = std::max(max, other.max);
        }
        /// Grows the range kept to include buckets [lo, hi).
        void cover(std::uint32_t lo, std::uint32_t hi) {
            if (counts.empty()) {
                first = lo;
                counts.assign(hi - lo, 0);
                return;
            }
            const auto end = first + static_cast<std::uint32_t>(counts.size());
            if (lo >= first && hi <= end)
                return;
            const std::uint32_t from = std::min(lo, first);
            std::vector<std::uint32_t> grown(std::max(hi, end) - from, 0);
            std::copy(counts.begin(), counts.end(), grown.begin() + (first - from));
            counts = std::move(grown);
            first = from;
        }
        Time quantile(double q) const {
            std::uint64_t total = 0;
            for (std::uint32_t n : counts)
                total += n;
            if (total == 0)
                return 0;
            const std::uint64_t rank = rankOf(q, total);
            std::uint64_t seen = 0;
            for (std::size_t i = 0; i < counts.size(); ++i) {
                seen += counts[i];
                if (seen >= rank)
                    return std::clamp(midpointOf(first + i), min, max);
            }
            return max;
        }
    };
    /// Adds the buckets in use to `c`, as Counts::merge would a copy of them.
    void addTo(Counts& c) const {
        if (m_total == 0)
            return;
        c.cover(static_cast<std::uint32_t>(m_lo), static_cast<std::uint32_t>(m_hi));
        for (std::size_t i = m_lo; i < m_hi; ++i)
            c.counts[i - c.first] += static_cast<std::uint32_t>(m_counts[i]);
        c.min = std::min(c.min, m_min);
        c.max = std::max(c.max, m_max);
    }

private:
    static std::uint64_t rankOf(double q, std::uint64_t total) {
        q = std::clamp(q, 0.0, 1.0);
        return std::max<std::uint64_t>(
            1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total))));
    }
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
    static Time midpointOf(std::size_t index) {
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

    std::vector<std::uint64_t> m_counts;   ///< empty until the first record
    std::size_t m_lo = kBuckets, m_hi = 0; ///< buckets in use: [m_lo, m_hi)
    std::uint64_t m_total = 0;
    double m_sum = 0;
    Time m_max = 0;
    Time m_min = kNever;
};

/// Run-long latencies: percentiles within 0.8 %.
using LatencyHistogram = BasicLatencyHistogram<7>;
/// One series row's latencies, read and cleared every row: 16 buckets per power of two
/// (percentiles within 6.25 %), so a row costs what its few buckets cost.
using IntervalHistogram = BasicLatencyHistogram<4>;

} // namespace sb::emu
