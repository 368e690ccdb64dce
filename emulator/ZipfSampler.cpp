#include "emulator/ZipfSampler.h"

#include <algorithm>
#include <cmath>

namespace sb::emu {

// helper1(x) = log(1+x)/x, helper2(x) = (exp(x)-1)/x, both accurate near 0.
double ZipfSampler::helper1(double x) const {
    if (std::abs(x) > 1e-8)
        return std::log1p(x) / x;
    return 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
}

double ZipfSampler::helper2(double x) const {
    if (std::abs(x) > 1e-8)
        return std::expm1(x) / x;
    return 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x));
}

// H(x) = integral of 1/t^s, shifted so the formulas hold for s = 1 too.
double ZipfSampler::h(double x) const {
    const double logX = std::log(x);
    return helper2((1.0 - m_s) * logX) * logX;
}

double ZipfSampler::hInverse(double x) const {
    double t = x * (1.0 - m_s);
    if (t < -1.0)
        t = -1.0; // numerical guard
    return std::exp(helper1(t) * x);
}

ZipfSampler::ZipfSampler(std::uint64_t n, double s)
    : m_n(std::max<std::uint64_t>(n, 1))
    , m_s(s) {
    m_hIntegralX1 = h(1.5) - 1.0;
    m_hIntegralN = h(static_cast<double>(m_n) + 0.5);
    m_threshold = 2.0 - hInverse(h(2.5) - std::exp(-m_s * std::log(2.0)));
}

std::uint64_t ZipfSampler::sample(RandomStream& rng) const {
    if (m_s == 0.0)
        return 1 + rng.below(m_n);
    for (;;) {
        const double u = m_hIntegralN + rng.uniform() * (m_hIntegralX1 - m_hIntegralN);
        const double x = hInverse(u);
        double kd = std::floor(x + 0.5);
        kd = std::clamp(kd, 1.0, static_cast<double>(m_n));
        const auto k = static_cast<std::uint64_t>(kd);
        if (kd - x <= m_threshold || u >= h(kd + 0.5) - std::exp(-m_s * std::log(kd)))
            return k;
    }
}

double ZipfSampler::probability(std::uint64_t k, std::uint64_t n, double s) {
    double sum = 0;
    for (std::uint64_t i = 1; i <= n; ++i)
        sum += std::pow(static_cast<double>(i), -s);
    return std::pow(static_cast<double>(k), -s) / sum;
}

} // namespace sb::emu
