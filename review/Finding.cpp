#include "review/Finding.h"

namespace sb::review {

std::string_view toString(Severity severity) {
    switch (severity) {
    case Severity::Critical:
        return "critical";
    case Severity::Warning:
        return "warning";
    case Severity::Advice:
        return "advice";
    }
    return "warning";
}

std::string formatFindings(const Findings& findings) {
    std::string out;
    for (Severity level : {Severity::Critical, Severity::Warning, Severity::Advice}) {
        for (const auto& f : findings) {
            if (f.severity != level)
                continue;
            out += std::string(toString(f.severity)) + ": ";
            if (!f.node.empty())
                out += "[" + f.node + "] ";
            out += f.message + "\n  fix: " + f.fix;
            if (f.fixStep > 0)
                out += " (step " + std::to_string(f.fixStep) + ", template " + f.fixTemplate + ")";
            out += "\n";
        }
    }
    return out;
}

nlohmann::json toJson(const Findings& findings) {
    auto out = nlohmann::json::array();
    for (const auto& f : findings)
        out.push_back({{"check", f.check},
                       {"severity", toString(f.severity)},
                       {"node", f.node},
                       {"message", f.message},
                       {"fix", f.fix},
                       {"fix_step", f.fixStep},
                       {"fix_template", f.fixTemplate}});
    return out;
}

} // namespace sb::review
