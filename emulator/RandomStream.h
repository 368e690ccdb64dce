#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace sb::emu {

/// A seeded xoshiro256** stream. Each component and purpose draws from its own stream,
/// derived from the run seed and names, so adding a node leaves the others' draws as they were.
class RandomStream {
public:
    RandomStream()
        : RandomStream(0, "default") {}
    RandomStream(std::uint64_t runSeed, std::string_view owner, std::string_view purpose = {});

    std::uint64_t next() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in (0, 1], safe for log().
    double uniformPositive() { return 1.0 - uniform(); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) {
        return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    }
    bool chance(double p) { return uniform() < p; }
    double exponential(double mean) { return -mean * std::log(uniformPositive()); }
    double normal();
    /// Lognormal with the given mean and coefficient of variation.
    double lognormal(double mean, double cv);

    /// A stable 64-bit hash of a name, used to derive stream seeds.
    static std::uint64_t hashName(std::string_view name);
    static std::uint64_t splitmix(std::uint64_t& state);

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

} // namespace sb::emu
