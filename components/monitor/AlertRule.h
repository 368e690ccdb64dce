#pragma once

#include <string>
#include <vector>

namespace sb::comp {

/// One alert rule: "p99_ms > 500 for 5s" fires when the metric stays beyond the threshold
/// for the whole window, and clears once it has stayed back for a window.
struct AlertRule {
    enum class Comparison { Above, AtLeast, Below, AtMost };

    std::string text; ///< the rule as written, for events
    std::string metric;
    Comparison comparison = Comparison::Above;
    double threshold = 0;
    double windowSeconds = 0;

    bool holds(double value) const;

    /// Parses rules separated by ';' or new lines. Grammar of one rule:
    /// METRIC (> | >= | < | <=) NUMBER [for NUMBER (ms | s | m)]. On a mistake returns
    /// nothing and sets `error` to what is wrong and where.
    static std::vector<AlertRule> parseAll(const std::string& text, std::string& error);
};

} // namespace sb::comp
