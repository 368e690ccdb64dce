#pragma once

#include "emulator/RandomStream.h"

#include <cstdint>

namespace sb::emu {

/// Draws ranks 1..n with P(k) proportional to 1/k^s in O(1) expected time, by
/// rejection-inversion (Hörmann and Derflinger, 1996). s = 0 is uniform.
class ZipfSampler {
public:
    ZipfSampler(std::uint64_t n, double s);
    /// A rank from 1 (most popular) to n.
    std::uint64_t sample(RandomStream& rng) const;
    std::uint64_t size() const { return m_n; }
    double exponent() const { return m_s; }
    /// Exact probability of rank k (computes the normalising sum once, O(n)).
    static double probability(std::uint64_t k, std::uint64_t n, double s);

private:
    double h(double x) const;
    double hInverse(double x) const;
    double helper1(double x) const;
    double helper2(double x) const;

    std::uint64_t m_n;
    double m_s;
    double m_hIntegralX1;
    double m_hIntegralN;
    double m_threshold;
};

} // namespace sb::emu
