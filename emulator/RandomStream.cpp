#include "emulator/RandomStream.h"

namespace sb::emu {

std::uint64_t RandomStream::splitmix(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t RandomStream::hashName(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL; // FNV-1a
    for (unsigned char c : name) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

RandomStream::RandomStream(std::uint64_t runSeed, std::string_view owner,
                           std::string_view purpose) {
    std::uint64_t state = runSeed ^ (hashName(owner) * 0x9e3779b97f4a7c15ULL) ^ hashName(purpose);
    for (auto& s : m_s)
        s = splitmix(state);
}

double RandomStream::normal() {
    // Box-Muller; one value per call keeps the stream stateless between calls.
    const double u1 = uniformPositive();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

double RandomStream::lognormal(double mean, double cv) {
    const double sigma2 = std::log(1.0 + cv * cv);
    const double mu = std::log(mean) - sigma2 / 2.0;
    return std::exp(mu + std::sqrt(sigma2) * normal());
}

} // namespace sb::emu
