#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sb::reports {

/// A run's --json summary (docs/result-format.md), read once into typed fields. A key the
/// summary lacks (an older workspace's run, say) stays empty and is shown as missing,
/// never as a zero that looks measured.
struct RunSummary {
    using Number = std::optional<double>;
    Number total, ok, failed;
    Number throughputRps;
    Number meanMs, p50Ms, p95Ms, p99Ms, maxMs;
    Number staleReads, lostWrites, sessionMisses, conflicts, lostMessages;
    /// Present only in runs of designs that have them: requests answered 429 by a rate
    /// limit, and the callers' attempts, retries and breaker openings (call policies).
    Number rateLimited, callAttempts, callRetries, breakerOpens;

    struct Node {
        std::string id;
        std::string kind;
        Number utilization, completed, rejected, failed, queueDepthMax;
        /// Its other results that are not zero, by key, in the order of kNotable.
        std::vector<std::pair<std::string, double>> notable;
    };
    std::vector<Node> nodes;

    struct Event {
        double timeSeconds = 0;
        std::string kind, node, detail;
    };
    std::vector<Event> events;

    /// failed / total, when both are known and total is positive.
    Number errorRate() const;

    static RunSummary read(const nlohmann::json& summary);
};

} // namespace sb::reports
