#include "practice/Envelope.h"

#include <algorithm>
#include <cmath>

namespace sb::practice {

namespace {

constexpr std::uint64_t kExactTerms = 10000;
constexpr double kSecondsPerDay = 86400;

/// Euler-Maclaurin: the sum of 1/k^s for k = a+1..n, with a >= kExactTerms.
double harmonicTail(double a, double n, double s) {
    const auto f = [s](double x) { return std::pow(x, -s); };
    const auto df = [s](double x) { return -s * std::pow(x, -s - 1); };
    const double integral =
        s == 1 ? std::log(n / a) : (std::pow(n, 1 - s) - std::pow(a, 1 - s)) / (1 - s);
    return integral + (f(n) - f(a)) / 2 + (df(n) - df(a)) / 12;
}

} // namespace

double harmonic(std::uint64_t n, double s) {
    double sum = 0;
    const std::uint64_t exact = std::min(n, kExactTerms);
    for (std::uint64_t k = 1; k <= exact; ++k)
        sum += std::pow(static_cast<double>(k), -s);
    if (n > exact)
        sum += harmonicTail(static_cast<double>(exact), static_cast<double>(n), s);
    return sum;
}

std::uint64_t hotSetKeys(std::uint64_t keys, double s, double hitRatio) {
    if (keys == 0 || hitRatio <= 0)
        return 0;
    const double wanted = std::min(hitRatio, 1.0) * harmonic(keys, s);
    std::uint64_t low = 1, high = keys;
    while (low < high) {
        const std::uint64_t mid = low + (high - low) / 2;
        if (harmonic(mid, s) >= wanted * (1 - 1e-12))
            high = mid;
        else
            low = mid + 1;
    }
    return low;
}

Envelope computeEnvelope(const EnvelopeInputs& in) {
    Envelope e;
    e.averageQps = in.dailyUsers * in.requestsPerUserPerDay / kSecondsPerDay;
    e.peakQps = e.averageQps * in.peakFactor;
    e.storageBytes = e.averageQps * in.writeFraction * kSecondsPerDay * in.retentionDays *
                     in.objectBytes * in.replication;
    e.peakBandwidthBps = e.peakQps * in.objectBytes;
    e.hotKeys = hotSetKeys(in.keys, in.zipfS, in.hotHitRatio);
    e.cacheBytes = static_cast<double>(e.hotKeys) * in.objectBytes;
    e.peakConcurrency = e.peakQps * in.serviceMs / 1000;
    const double perServer = in.workersPerServer * in.targetUtilization;
    e.serversNeeded =
        perServer > 0 ? static_cast<std::uint64_t>(std::ceil(e.peakConcurrency / perServer)) : 0;
    return e;
}

const std::vector<EnvelopeInput>& envelopeInputs() {
    using In = EnvelopeInputs;
    static const std::vector<EnvelopeInput> inputs{
        {"daily-users", "Daily active users", 1, 1e11, [](const In& i) { return i.dailyUsers; },
         [](In& i, double v) { i.dailyUsers = v; }},
        {"requests-per-user", "Requests per user per day", 0, 1e6,
         [](const In& i) { return i.requestsPerUserPerDay; },
         [](In& i, double v) { i.requestsPerUserPerDay = v; }},
        {"write-fraction", "Share of requests that write", 0, 1,
         [](const In& i) { return i.writeFraction; }, [](In& i, double v) { i.writeFraction = v; }},
        {"object-bytes", "Bytes per request's object", 0, 1e12,
         [](const In& i) { return i.objectBytes; }, [](In& i, double v) { i.objectBytes = v; }},
        {"retention-days", "Days written objects are kept", 0, 1e6,
         [](const In& i) { return i.retentionDays; }, [](In& i, double v) { i.retentionDays = v; }},
        {"replication", "Copies of each stored byte", 1, 100,
         [](const In& i) { return i.replication; }, [](In& i, double v) { i.replication = v; }},
        {"peak-factor", "Peak rate over the daily average", 1, 1000,
         [](const In& i) { return i.peakFactor; }, [](In& i, double v) { i.peakFactor = v; }},
        {"keys", "Distinct objects read", 1, 1e12,
         [](const In& i) { return static_cast<double>(i.keys); },
         [](In& i, double v) { i.keys = static_cast<std::uint64_t>(v); }},
        {"zipf", "Skew of their popularity (0 = uniform)", 0, 3,
         [](const In& i) { return i.zipfS; }, [](In& i, double v) { i.zipfS = v; }},
        {"hit-ratio", "Share of reads the cache should answer", 0, 1,
         [](const In& i) { return i.hotHitRatio; }, [](In& i, double v) { i.hotHitRatio = v; }},
        {"service-ms", "Server time per request (ms)", 0, 600000,
         [](const In& i) { return i.serviceMs; }, [](In& i, double v) { i.serviceMs = v; }},
        {"workers", "Requests a server handles at once", 1, 4096,
         [](const In& i) { return i.workersPerServer; },
         [](In& i, double v) { i.workersPerServer = v; }},
        {"utilization", "Target server utilisation", 0.01, 1,
         [](const In& i) { return i.targetUtilization; },
         [](In& i, double v) { i.targetUtilization = v; }},
    };
    return inputs;
}

const std::vector<std::pair<std::string, std::string>>& estimateQuantities() {
    static const std::vector<std::pair<std::string, std::string>> quantities{
        {"average_qps", "Average QPS"},          {"peak_qps", "Peak QPS"},
        {"storage_bytes", "Storage (bytes)"},    {"peak_bandwidth_bps", "Peak bandwidth (B/s)"},
        {"cache_bytes", "Cache memory (bytes)"}, {"servers", "Servers"}};
    return quantities;
}

std::vector<EstimateCheck>
compareEstimates(const std::vector<std::pair<std::string, double>>& estimates,
                 const Envelope& envelope) {
    const std::vector<std::pair<std::string, double>> computed{
        {"average_qps", envelope.averageQps},
        {"peak_qps", envelope.peakQps},
        {"storage_bytes", envelope.storageBytes},
        {"peak_bandwidth_bps", envelope.peakBandwidthBps},
        {"cache_bytes", envelope.cacheBytes},
        {"servers", static_cast<double>(envelope.serversNeeded)}};
    std::vector<EstimateCheck> out;
    for (const auto& entry : estimates) {
        const auto& [name, estimate] = entry;
        // Captures the pair, not its binding: clang (the fuzz build) cannot capture those.
        const auto it = std::find_if(computed.begin(), computed.end(),
                                     [&entry](const auto& c) { return c.first == entry.first; });
        if (it == computed.end())
            continue;
        EstimateCheck check{name, estimate, it->second, 1};
        if (estimate > 0 && it->second > 0)
            check.factorOff = std::max(estimate / it->second, it->second / estimate);
        else if (estimate != it->second)
            check.factorOff = INFINITY;
        out.push_back(check);
    }
    return out;
}

} // namespace sb::practice
