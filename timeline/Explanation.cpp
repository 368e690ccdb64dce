#include "timeline/Explanation.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

namespace sb::timeline {

namespace {

/// Utilisation at or above which a node counts as saturated, and for how long.
constexpr double kSaturated = 0.95;
constexpr double kSaturatedForSeconds = 1.0;
/// A sample's error rate above this is an error; episodes closer than the gap are one.
constexpr double kErrorRate = 0.01;
constexpr double kErrorGapSeconds = 2.0;

std::string seconds(double t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", t);
    return buf;
}

std::string percent(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, fraction < 0.1 ? "%.1f%%" : "%.0f%%", fraction * 100);
    return buf;
}

/// The value of `key=` in an event's detail ("candidate=replica2 lost_writes=8").
std::string detailValue(const std::string& detail, const std::string& key) {
    const std::string needle = key + "=";
    std::size_t at = detail.find(needle);
    while (at != std::string::npos && at > 0 && detail[at - 1] != ' ')
        at = detail.find(needle, at + 1);
    if (at == std::string::npos)
        return {};
    const std::size_t start = at + needle.size();
    return detail.substr(start, detail.find(' ', start) - start);
}

class Explainer {
public:
    Explainer(const Timeline& t, const design::Design* d)
        : m_t(t)
        , m_design(d) {}

    std::vector<Sentence> run() {
        fromEvents();
        saturation();
        errors();
        std::stable_sort(m_out.begin(), m_out.end(), [](const Sentence& a, const Sentence& b) {
            return a.seconds < b.seconds;
        });
        return std::move(m_out);
    }

private:
    std::string name(const std::string& id) const {
        if (m_design) {
            if (const design::Node* n = m_design->node(design::NodeId{id});
                n && n->label != id && !n->label.empty())
                return n->label + " (" + id + ")";
            if (const design::DataCentre* dc = m_design->dataCentre(design::DataCentreId{id});
                dc && !dc->label.empty() && dc->label != id)
                return dc->label + " (" + id + ")";
        }
        return id;
    }
    std::string dcOf(const std::string& node) const {
        if (!m_design)
            return {};
        const design::Node* n = m_design->node(design::NodeId{node});
        return n ? n->dc : std::string();
    }
    std::string dcName(const std::string& dc) const {
        if (!m_design)
            return dc;
        const design::DataCentre* d = m_design->dataCentre(design::DataCentreId{dc});
        return d ? d->shownName() : dc;
    }
    static std::string list(const std::vector<std::string>& ids, std::size_t shown = 6) {
        std::string out;
        for (std::size_t i = 0; i < ids.size() && i < shown; ++i)
            out += (i ? ", " : "") + ids[i];
        if (ids.size() > shown)
            out += " and " + std::to_string(ids.size() - shown) + " more";
        return out;
    }
    void say(double t, std::string kind, std::string node, std::string text) {
        m_out.push_back({t, std::move(kind), std::move(node), std::move(text)});
    }
    double errorRate(std::size_t sample) const {
        return m_errorColumn < 0 ? 0.0 : m_t.value(sample, static_cast<std::size_t>(m_errorColumn));
    }

    void fromEvents() {
        const auto& events = m_t.events();
        std::vector<bool> told(events.size(), false);
        bool anyFailed = false;
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (told[i])
                continue;
            const emu::LogEvent& e = events[i];
            const double t = emu::toSeconds(e.time);
            if (e.kind == "dc_failed" || e.kind == "dc_recovered") {
                const bool failed = e.kind == "dc_failed";
                const char* nodeKind = failed ? "node_failed" : "node_recovered";
                std::vector<std::string> nodes;
                for (std::size_t j = i + 1; j < events.size() && events[j].time == e.time; ++j)
                    if (events[j].kind == nodeKind &&
                        (!m_design || dcOf(events[j].node) == e.node)) {
                        nodes.push_back(events[j].node);
                        told[j] = true;
                        if (failed)
                            m_failedAt[events[j].node] = t;
                    }
                const std::string what = std::to_string(nodes.size()) + " node" +
                                         (nodes.size() == 1 ? "" : "s") + " (" + list(nodes) + ")";
                if (failed) {
                    say(t, anyFailed ? "dc_failed" : "first_failure", e.node,
                        "Data centre " + name(e.node) + " went down at " + seconds(t) +
                            (anyFailed ? "" : ", the first failure of the run") + ", taking " +
                            what + " with it.");
                    anyFailed = true;
                } else {
                    say(t, "recovered", e.node,
                        "Data centre " + name(e.node) + " came back at " + seconds(t) + " with " +
                            what + ".");
                }
            } else if (e.kind == "node_failed") {
                m_failedAt[e.node] = t;
                if (!anyFailed)
                    say(t, "first_failure", e.node,
                        name(e.node) + " was the first node to fail, at " + seconds(t) + ".");
                else
                    say(t, "failed", e.node, name(e.node) + " failed next, at " + seconds(t) + ".");
                anyFailed = true;
            } else if (e.kind == "node_recovered") {
                const auto it = m_failedAt.find(e.node);
                say(t, "recovered", e.node,
                    name(e.node) + " recovered at " + seconds(t) +
                        (it != m_failedAt.end() ? ", after " + seconds(t - it->second) + " down"
                                                : std::string()) +
                        ".");
            } else if (e.kind == "detected_down") {
                const auto it = m_failedAt.find(e.node);
                say(t, "detected_down", e.node,
                    name(e.node) + " was detected down at " + seconds(t) +
                        (it != m_failedAt.end()
                             ? ", " + seconds(t - it->second) + " after it failed"
                             : std::string()) +
                        ".");
            } else if (e.kind == "failover") {
                std::string to = detailValue(e.detail, "to");
                const std::string candidate = detailValue(e.detail, "candidate");
                std::string text = "Failover of " + name(e.node) + " began at " + seconds(t);
                if (!to.empty())
                    text += ": " + name(to) + " took over";
                else if (!candidate.empty())
                    text += ", choosing " + name(candidate) + " to promote";
                say(t, "failover", e.node, text + ".");
                lostWrites(t, e);
            } else if (e.kind == "promoted") {
                const std::string from = detailValue(e.detail, "from");
                say(t, "promoted", e.node,
                    name(e.node) + " was promoted at " + seconds(t) +
                        (from.empty() ? std::string() : " in place of " + name(from)) + ".");
                lostWrites(t, e);
            } else if (e.kind == "dns_failover") {
                dnsWindow(t, e);
            } else if (e.kind == "scale_out") {
                scaleOut(i, events, told);
            } else if (e.kind == "alert_fired" || e.kind == "alert_cleared") {
                const std::string rule = detailValue(e.detail, "rule");
                const bool fired = e.kind == "alert_fired";
                const std::size_t q = e.detail.find('\'');
                const std::string quoted =
                    q == std::string::npos
                        ? rule
                        : e.detail.substr(q + 1, e.detail.find('\'', q + 1) - q - 1);
                say(t, e.kind, e.node,
                    name(e.node) + (fired ? " raised an alert" : " cleared its alert") + " at " +
                        seconds(t) + (quoted.empty() ? std::string() : " (" + quoted + ")") + ".");
            }
        }
    }

    void lostWrites(double t, const emu::LogEvent& e) {
        const std::string lost = detailValue(e.detail, "lost_writes");
        if (lost.empty() || lost == "0")
            return;
        const std::string from = e.kind == "promoted" ? detailValue(e.detail, "from") : e.node;
        say(t, "lost_writes", e.node,
            lost + " acknowledged write" + (lost == "1" ? " was" : "s were") +
                " lost: " + name(from) + " had not replicated " + (lost == "1" ? "it" : "them") +
                " before it went down.");
    }

    void dnsWindow(double t, const emu::LogEvent& e) {
        std::string text = name(e.node) + " stopped sending clients to the failed address at " +
                           seconds(t) + " (" + e.detail + ")";
        const std::optional<std::pair<double, double>> window = ttlWindow(t);
        std::string ttl;
        if (m_design)
            if (const design::Node* n = m_design->node(design::NodeId{e.node});
                n && n->props.contains("ttl_s") && n->props["ttl_s"].is_number())
                ttl = " of " + seconds(n->props["ttl_s"].get<double>());
        if (window) {
            text += "; clients that had already resolved it kept using it until their cached "
                    "answer's TTL" +
                    ttl + " ran out: the error rate fell from " + percent(window->second) +
                    " to below a tenth of that by " + seconds(window->first) + ", a " +
                    seconds(window->first - t) + " DNS TTL window.";
            say(t, "dns_ttl_window", e.node, text);
        } else {
            say(t, "dns_ttl_window", e.node, text + ".");
        }
    }

    /// When the errors after a DNS failover at `t` fell below a tenth of their peak, and the
    /// peak; nothing when there were no errors then.
    std::optional<std::pair<double, double>> ttlWindow(double t) const {
        if (m_errorColumn < 0 || m_t.samples() == 0)
            return std::nullopt;
        const std::size_t start = m_t.sampleAt(t - kErrorGapSeconds);
        double peak = 0;
        std::size_t peakAt = start;
        for (std::size_t s = start; s < m_t.samples() && m_t.time(s) <= t + kErrorGapSeconds; ++s)
            if (errorRate(s) > peak) {
                peak = errorRate(s);
                peakAt = s;
            }
        if (peak <= kErrorRate)
            return std::nullopt;
        for (std::size_t s = peakAt; s < m_t.samples(); ++s)
            if (errorRate(s) < peak / 10 && m_t.time(s) > t)
                return std::make_pair(m_t.time(s), peak);
        return std::nullopt;
    }

    void scaleOut(std::size_t first, const std::vector<emu::LogEvent>& events,
                  std::vector<bool>& told) {
        const emu::LogEvent& e = events[first];
        const std::string dc = dcOf(e.node);
        std::vector<std::string> nodes;
        std::string instances;
        for (std::size_t j = first; j < events.size() && events[j].time == e.time; ++j) {
            if (events[j].kind != "scale_out" || dcOf(events[j].node) != dc)
                continue;
            told[j] = true;
            if (std::find(nodes.begin(), nodes.end(), events[j].node) == nodes.end())
                nodes.push_back(events[j].node);
            instances = detailValue(events[j].detail, "instances");
        }
        const double t = emu::toSeconds(e.time);
        const std::string where = dc.empty() ? std::string() : "The " + dcName(dc) + " tier: ";
        say(t, "scale_out", dc.empty() ? e.node : dc,
            where + list(nodes) + (nodes.size() == 1 ? " scaled" : " each scaled") + " out at " +
                seconds(t) +
                (instances.empty() ? std::string() : " to " + instances + " instances") + ".");
    }

    void saturation() {
        const Timeline::Layout& l = m_t.layout();
        const auto need =
            static_cast<std::size_t>(kSaturatedForSeconds / l.resolutionSeconds + 0.5);
        std::vector<std::pair<double, std::string>> saturated;
        for (const std::string& id : l.nodeIds) {
            const int c = m_t.column(id + ".utilization");
            if (c < 0)
                continue;
            std::size_t run = 0;
            for (std::size_t s = 0; s < m_t.samples(); ++s) {
                run = m_t.value(s, static_cast<std::size_t>(c)) >= kSaturated ? run + 1 : 0;
                if (run >= std::max<std::size_t>(need, 1)) {
                    saturated.emplace_back(m_t.time(s + 1 - run), id);
                    break;
                }
            }
        }
        std::stable_sort(saturated.begin(), saturated.end());
        for (std::size_t i = 0; i < saturated.size(); ++i) {
            const auto& [t, id] = saturated[i];
            say(t, "saturated", id,
                name(id) + (i == 0 ? " was the first node to saturate" : " saturated next") + " (" +
                    percent(kSaturated) + " busy or more for " + seconds(kSaturatedForSeconds) +
                    ") at " + seconds(t) + ".");
        }
    }

    void errors() {
        if (m_errorColumn < 0)
            return;
        const std::size_t n = m_t.samples();
        std::size_t s = 0;
        while (s < n) {
            if (errorRate(s) <= kErrorRate) {
                ++s;
                continue;
            }
            const std::size_t begin = s;
            std::size_t last = s, peakAt = s;
            for (; s < n; ++s) {
                if (errorRate(s) > kErrorRate)
                    last = s;
                else if (m_t.time(s) - m_t.time(last) >= kErrorGapSeconds)
                    break;
                if (errorRate(s) > errorRate(peakAt))
                    peakAt = s;
            }
            const double t0 = m_t.time(begin) - m_t.layout().resolutionSeconds;
            say(t0, "errors_began", {},
                "Errors began at " + seconds(t0) + " and peaked at " + percent(errorRate(peakAt)) +
                    " of requests at " + seconds(m_t.time(peakAt)) + ".");
            if (last + 1 < n) {
                const double t1 = m_t.time(last);
                say(t1, "errors_ended", {},
                    "Errors ended at " + seconds(t1) + ", " + seconds(t1 - t0) +
                        " after they began.");
            } else {
                say(m_t.time(last), "errors_ended", {},
                    "Errors were still going on when the run ended.");
            }
        }
    }

    const Timeline& m_t;
    const design::Design* m_design;
    int m_errorColumn = m_t.column("error_rate");
    std::map<std::string, double> m_failedAt;
    std::vector<Sentence> m_out;
};

} // namespace

std::vector<Sentence> explain(const Timeline& timeline, const design::Design* design) {
    return Explainer(timeline, design).run();
}

nlohmann::json toJson(const std::vector<Sentence>& sentences) {
    nlohmann::json out = nlohmann::json::array();
    for (const Sentence& s : sentences)
        out.push_back({{"t_s", s.seconds}, {"kind", s.kind}, {"node", s.node}, {"text", s.text}});
    return out;
}

std::string formatExplanation(const std::vector<Sentence>& sentences) {
    std::string out;
    for (const Sentence& s : sentences) {
        char when[32];
        std::snprintf(when, sizeof when, "%8.1f s  ", s.seconds);
        out += when + s.text + "\n";
    }
    return out;
}

} // namespace sb::timeline
