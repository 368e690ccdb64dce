#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sb::review {

/// How much a finding matters: a single point of failure takes the site down; a warning
/// costs latency, data or capacity under load; advice is a practice the path recommends.
enum class Severity { Critical, Warning, Advice };

std::string_view toString(Severity severity);

/// One thing a design review found, naming the node (when there is one) and the step of
/// the scaling path whose template shows the fix.
struct Finding {
    std::string check; ///< stable id: "single_point_of_failure", "no_cache", ...
    Severity severity = Severity::Warning;
    std::string node;        ///< node id, empty when the finding is about the whole design
    std::string message;     ///< what is wrong, a sentence
    std::string fix;         ///< what to do, a sentence
    int fixStep = 0;         ///< the scaling-path step that fixes it (1-11), 0 when none
    std::string fixTemplate; ///< that step's template name, empty when none

    bool operator==(const Finding&) const = default;
};

using Findings = std::vector<Finding>;

/// One block per finding, most severe first, for a terminal.
std::string formatFindings(const Findings& findings);
/// [{check, severity, node, message, fix, fix_step, fix_template}]
nlohmann::json toJson(const Findings& findings);

} // namespace sb::review
