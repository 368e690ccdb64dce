#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sb::practice {

/// What a back-of-the-envelope estimate starts from. Sizes in bytes, rates per day.
struct EnvelopeInputs {
    double dailyUsers = 1e6;
    double requestsPerUserPerDay = 10;
    double writeFraction = 0.1;  ///< share of requests that store an object
    double objectBytes = 1000;   ///< bytes a request moves (read or written)
    double retentionDays = 365;  ///< how long written objects are kept
    double replication = 3;      ///< copies of every stored byte
    double peakFactor = 3;       ///< peak rate over the daily average
    std::uint64_t keys = 100000; ///< distinct objects read
    double zipfS = 0.99;         ///< skew of their popularity
    double hotHitRatio = 0.8;    ///< share of reads the cache should answer
    double serviceMs = 20;       ///< time a server spends on one request
    double workersPerServer = 8; ///< requests one server handles at once
    double targetUtilization = 0.7;
};

/// The estimate computed from EnvelopeInputs (all labelled estimates, not measurements).
struct Envelope {
    double averageQps = 0;
    double peakQps = 0;
    double storageBytes = 0;         ///< written objects over the retention, replicated
    double peakBandwidthBps = 0;     ///< bytes per second at the peak
    std::uint64_t hotKeys = 0;       ///< most popular keys that answer hotHitRatio of reads
    double cacheBytes = 0;           ///< memory for those keys
    double peakConcurrency = 0;      ///< Little's law: peak rate x service time
    std::uint64_t serversNeeded = 0; ///< concurrency over workers x target utilisation
};

Envelope computeEnvelope(const EnvelopeInputs& in);

/// One input of the estimate with its allowed range: what `scaleboard-cli estimate`'s
/// options and the window's Back-of-the-envelope panel both offer and check.
struct EnvelopeInput {
    const char* option; ///< the command line's option without its dashes: "daily-users"
    const char* label;  ///< "Daily active users"
    double min, max;
    double (*get)(const EnvelopeInputs&);
    void (*set)(EnvelopeInputs&, double); ///< whole numbers (keys) are truncated
};

/// Every input of EnvelopeInputs, in the command line's order.
const std::vector<EnvelopeInput>& envelopeInputs();

/// The quantities a candidate estimates (EstimateCheck::quantity) with their labels, in order.
const std::vector<std::pair<std::string, std::string>>& estimateQuantities();

/// The generalised harmonic number H(n, s) = sum of 1/k^s for k = 1..n: exact for the
/// first 10,000 terms, the Euler-Maclaurin formula for the rest.
double harmonic(std::uint64_t n, double s);

/// The fewest most-popular keys of a Zipf(s) popularity over `keys` keys whose requests
/// add up to at least `hitRatio` of all requests.
std::uint64_t hotSetKeys(std::uint64_t keys, double s, double hitRatio);

/// A candidate's own estimate of one quantity against the computed one.
struct EstimateCheck {
    std::string quantity; ///< "average_qps", "peak_qps", "storage_bytes", ...
    double estimate = 0;
    double computed = 0;
    double factorOff = 1; ///< max(estimate/computed, computed/estimate); 1 = exact
};

/// Compares each (quantity, estimate) pair with `envelope`; unknown quantity names are
/// skipped. Quantity names are those of EstimateCheck::quantity.
std::vector<EstimateCheck>
compareEstimates(const std::vector<std::pair<std::string, double>>& estimates,
                 const Envelope& envelope);

} // namespace sb::practice
