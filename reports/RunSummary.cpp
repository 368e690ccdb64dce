#include "reports/RunSummary.h"

namespace sb::reports {

namespace {

using nlohmann::json;

RunSummary::Number numberAt(const json& j, std::initializer_list<const char*> path) {
    const json* at = &j;
    for (const char* key : path) {
        if (!at->is_object() || !at->contains(key))
            return std::nullopt;
        at = &(*at)[key];
    }
    return at->is_number() ? RunSummary::Number(at->get<double>()) : std::nullopt;
}

std::string textAt(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// A node's results worth a mention when they are not zero.
constexpr const char* kNotable[] = {
    "hit_rate",        "lag_ms_max",     "queue_depth_max", "stale_reads",    "writes",
    "conflicts",       "session_misses", "instances",       "alerts_fired",   "rate_limited",
    "amplification",   "call_retries",   "ok_after_retry",  "retries_denied", "attempts_timed_out",
    "breaker_changes", "short_circuited"};

} // namespace

RunSummary::Number RunSummary::errorRate() const {
    if (!total || !failed || *total <= 0)
        return std::nullopt;
    return *failed / *total;
}

RunSummary RunSummary::read(const json& s) {
    RunSummary r;
    r.total = numberAt(s, {"requests", "total"});
    r.ok = numberAt(s, {"requests", "ok"});
    r.failed = numberAt(s, {"requests", "failed"});
    r.throughputRps = numberAt(s, {"throughput_rps"});
    r.meanMs = numberAt(s, {"latency_ms", "mean"});
    r.p50Ms = numberAt(s, {"latency_ms", "p50"});
    r.p95Ms = numberAt(s, {"latency_ms", "p95"});
    r.p99Ms = numberAt(s, {"latency_ms", "p99"});
    r.maxMs = numberAt(s, {"latency_ms", "max"});
    r.staleReads = numberAt(s, {"data", "stale_reads"});
    r.lostWrites = numberAt(s, {"data", "lost_writes"});
    r.sessionMisses = numberAt(s, {"data", "session_misses"});
    r.conflicts = numberAt(s, {"data", "conflicts"});
    r.lostMessages = numberAt(s, {"data", "lost_messages"});
    r.rateLimited = numberAt(s, {"data", "rate_limited"});
    r.callAttempts = numberAt(s, {"data", "call_attempts"});
    r.callRetries = numberAt(s, {"data", "call_retries"});
    r.breakerOpens = numberAt(s, {"data", "breaker_opens"});
    if (const auto nodes = s.find("nodes"); nodes != s.end() && nodes->is_object())
        for (const auto& [id, n] : nodes->items()) {
            if (!n.is_object())
                continue;
            Node node;
            node.id = id;
            node.kind = textAt(n, "kind");
            node.utilization = numberAt(n, {"utilization"});
            node.completed = numberAt(n, {"completed"});
            node.rejected = numberAt(n, {"rejected"});
            node.failed = numberAt(n, {"failed"});
            node.queueDepthMax = numberAt(n, {"queue_depth_max"});
            for (const char* key : kNotable)
                if (const Number v = numberAt(n, {key}); v && *v != 0)
                    node.notable.emplace_back(key, *v);
            r.nodes.push_back(std::move(node));
        }
    if (const auto events = s.find("events"); events != s.end() && events->is_array())
        for (const auto& e : *events) {
            if (!e.is_object())
                continue;
            r.events.push_back({numberAt(e, {"t_s"}).value_or(0), textAt(e, "kind"),
                                textAt(e, "node"), textAt(e, "detail")});
        }
    return r;
}

} // namespace sb::reports
