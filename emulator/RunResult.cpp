#include "emulator/RunResult.h"

#include "emulator/Simulation.h"
#include "emulator/Station.h"

#include <algorithm>

namespace sb::emu {

const NodeResult* RunResult::node(const std::string& id) const {
    for (const auto& n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

double RunResult::metric(const std::string& id, const std::string& name, double fallback) const {
    const NodeResult* n = node(id);
    if (!n)
        return fallback;
    for (const auto& [key, value] : n->metrics)
        if (key == name)
            return value;
    return fallback;
}

std::size_t RunResult::countEvents(const std::string& kind) const {
    return static_cast<std::size_t>(std::count_if(
        events.begin(), events.end(), [&](const LogEvent& e) { return e.kind == kind; }));
}

std::uint64_t RunResult::failedBy(std::string_view reason) const {
    const auto it = std::find(failReasons.begin(), failReasons.end(), reason);
    return it == failReasons.end() ? 0 : failedByReason[std::size_t(it - failReasons.begin())];
}

std::uint64_t RunResult::counter(std::string_view name) const {
    for (const auto& [key, value] : data)
        if (key == name)
            return value;
    return 0;
}

std::string_view RunResult::reasonName(FailReason reason) const {
    const auto code = static_cast<std::size_t>(reason);
    return code < failReasons.size() ? std::string_view(failReasons[code]) : "?";
}

RunResult summarize(Simulation& sim, const RunSettings& settings, double wallSeconds,
                    bool stopped) {
    RunResult r;
    r.settings = settings;
    const RunMetrics& m = sim.metrics();
    r.virtualSeconds = std::max(0.0, toSeconds(sim.now()) - settings.warmupSeconds);
    r.wallSeconds = wallSeconds;
    r.eventsExecuted = sim.kernel().eventsExecuted();
    r.fingerprint = sim.kernel().fingerprint();
    r.stopped = stopped;
    r.ok = m.ok();
    r.failed = m.failed();
    r.total = r.ok + r.failed;
    const Outcomes& outcomes = sim.outcomes();
    r.failReasons = outcomes.failReasonNames();
    for (int i = 0; i < outcomes.failReasonCount(); ++i)
        r.failedByReason[i] = m.failedBy(static_cast<FailReason>(i));
    for (int i = 0; i < kRequestClassCount; ++i) {
        r.okByClass[i] = m.okBy(static_cast<RequestClass>(i));
        r.failedByClass[i] = m.failedBy(static_cast<RequestClass>(i));
    }
    r.throughputRps = r.virtualSeconds > 0 ? static_cast<double>(r.ok) / r.virtualSeconds : 0.0;
    const LatencyHistogram& h = m.latency();
    r.meanMs = h.mean() / 1e6;
    static constexpr double kRunQuantiles[] = {0.50, 0.95, 0.99, 0.999};
    Time at[4];
    h.quantiles(kRunQuantiles, at, 4);
    r.p50Ms = toMillis(at[0]);
    r.p95Ms = toMillis(at[1]);
    r.p99Ms = toMillis(at[2]);
    r.p999Ms = toMillis(at[3]);
    r.maxMs = toMillis(h.max());
    for (std::size_t i = 0; i < outcomes.counters().size(); ++i)
        r.data.emplace_back(outcomes.counters()[i].name, outcomes.values()[i]);
    for (const auto& n : sim.nodes()) {
        NodeResult nr;
        nr.id = n->id();
        nr.kind = n->kind();
        const NodeWindow w = sim.window(n->index());
        nr.utilization = w.utilization;
        nr.arrivals = w.arrivals;
        nr.completed = w.completed;
        nr.rejected = w.rejected;
        nr.failed = w.failed();
        nr.failures = w.failures;
        nr.queueMean = w.queueMean;
        const LatencyHistogram& inNode = n->timeInNode();
        nr.served = inNode.count();
        nr.latencyMeanMs = inNode.mean() / 1e6;
        static constexpr double kNodeQuantiles[] = {0.50, 0.95, 0.99};
        inNode.quantiles(kNodeQuantiles, at, 3);
        nr.latencyP50Ms = toMillis(at[0]);
        nr.latencyP95Ms = toMillis(at[1]);
        nr.latencyP99Ms = toMillis(at[2]);
        nr.latencyMaxMs = toMillis(inNode.max());
        nr.failureExamples = n->counters().latestExamples();
        for (const Station* s : n->stations())
            nr.queueDepthMax = std::max(nr.queueDepthMax, s->maxQueueLength());
        n->collectMetrics(nr.metrics);
        r.nodes.push_back(std::move(nr));
    }
    r.events = sim.log().events();
    r.eventsDropped = sim.log().dropped();
    r.series = std::move(sim.series());
    return r;
}

nlohmann::json toJson(const RunResult& r) {
    using nlohmann::json;
    json j;
    j["format"] = "scaleboard-result";
    j["version"] = 1;
    j["settings"] = {{"duration_s", r.settings.durationSeconds},
                     {"warmup_s", r.settings.warmupSeconds},
                     {"seed", r.settings.seed},
                     {"speed", r.settings.speed == 0 ? json("max") : json(r.settings.speed)}};
    json failures = json::object();
    for (std::size_t i = 1; i < r.failReasons.size(); ++i)
        if (r.failedByReason[i])
            failures[r.failReasons[i]] = r.failedByReason[i];
    json byClass = json::object();
    for (int i = 0; i < kRequestClassCount; ++i)
        if (r.okByClass[i] || r.failedByClass[i])
            byClass[std::string(toString(static_cast<RequestClass>(i)))] = {
                {"ok", r.okByClass[i]}, {"failed", r.failedByClass[i]}};
    j["requests"] = {{"total", r.total},
                     {"ok", r.ok},
                     {"failed", r.failed},
                     {"failed_by_reason", failures},
                     {"by_class", byClass}};
    j["throughput_rps"] = r.throughputRps;
    j["latency_ms"] = {{"mean", r.meanMs}, {"p50", r.p50Ms},   {"p95", r.p95Ms},
                       {"p99", r.p99Ms},   {"p999", r.p999Ms}, {"max", r.maxMs}};
    json nodes = json::object();
    for (const auto& n : r.nodes) {
        json jn{{"kind", n.kind},
                {"utilization", n.utilization},
                {"arrivals", n.arrivals},
                {"completed", n.completed},
                {"rejected", n.rejected},
                {"failed", n.failed},
                {"queue_depth_max", n.queueDepthMax},
                {"queue_mean", n.queueMean}};
        if (n.served)
            jn["latency_ms"] = {{"mean", n.latencyMeanMs}, {"p50", n.latencyP50Ms},
                                {"p95", n.latencyP95Ms},   {"p99", n.latencyP99Ms},
                                {"max", n.latencyMaxMs},   {"count", n.served}};
        json nf = json::object();
        for (std::size_t i = 1; i < r.failReasons.size(); ++i)
            if (n.failures[i])
                nf[r.failReasons[i]] = n.failures[i];
        if (!nf.empty())
            jn["failures"] = nf;
        if (!n.failureExamples.empty()) {
            json examples = json::array();
            for (const auto& e : n.failureExamples)
                examples.push_back({{"t_s", toSeconds(e.time)},
                                    {"class", std::string(toString(e.cls))},
                                    {"reason", std::string(r.reasonName(e.reason))},
                                    {"key", e.key},
                                    {"user", e.user}});
            jn["failure_examples"] = std::move(examples);
        }
        for (const auto& [key, value] : n.metrics)
            jn[key] = value;
        nodes[n.id] = std::move(jn);
    }
    j["nodes"] = std::move(nodes);
    json data = json::object();
    for (const auto& [name, value] : r.data)
        data[name] = value;
    j["data"] = std::move(data);
    json events = json::array();
    for (const auto& e : r.events)
        events.push_back(
            {{"t_s", toSeconds(e.time)}, {"kind", e.kind}, {"node", e.node}, {"detail", e.detail}});
    j["events"] = std::move(events);
    j["events_dropped"] = r.eventsDropped;
    j["engine"] = {{"events_executed", r.eventsExecuted},
                   {"fingerprint", r.fingerprint},
                   {"wall_s", r.wallSeconds},
                   {"virtual_s", r.virtualSeconds},
                   {"stopped", r.stopped}};
    if (!r.error.empty())
        j["engine"]["error"] = r.error;
    return j;
}

} // namespace sb::emu
