#pragma once

#include "design/Design.h"
#include "timeline/Timeline.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sb::timeline {

/// One sentence of what happened in a run, linked to its moment.
struct Sentence {
    double seconds = 0; ///< virtual time the sentence is about
    /// What it tells: first_failure, failed, dc_failed, recovered, detected_down, failover,
    /// promoted, lost_writes, saturated, errors_began, errors_ended, dns_ttl_window,
    /// scale_out, alert_fired, alert_cleared.
    std::string kind;
    std::string node; ///< the node or data centre it is about, may be empty
    std::string text;
    bool operator==(const Sentence&) const = default;
};

/// What happened in a recorded run, computed from its timeline: the first node to saturate
/// or fail and the order the others followed, when errors began and ended, and what
/// recovered them (detection, failover, promotion, DNS failover and its TTL window,
/// scale-out, recovery). `design`, when given, names nodes and data centres by their labels
/// and groups nodes by data centre. In time order.
std::vector<Sentence> explain(const Timeline& timeline, const design::Design* design = nullptr);

/// [{"t_s", "kind", "node", "text"}]: the result's `explanation` array.
nlohmann::json toJson(const std::vector<Sentence>& sentences);
/// One line per sentence: "  30.0 s  text".
std::string formatExplanation(const std::vector<Sentence>& sentences);

} // namespace sb::timeline
