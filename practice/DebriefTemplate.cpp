#include "practice/DebriefTemplate.h"

namespace sb::practice {

const std::vector<std::string>& runPlaceholders() {
    static const std::vector<std::string> names{
        "p99_ms",      "error_rate", "requests",   "failed",      "lost_writes", "stale_reads",
        "offered_rps", "fault",      "fault_at_s", "fault_end_s", "hit",         "first_moment"};
    return names;
}

std::string joinedRunPlaceholders() {
    std::string out;
    for (const std::string& n : runPlaceholders())
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::vector<std::string> placeholdersOf(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t open = text.find('{'); open != std::string_view::npos;
         open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos)
            break;
        out.emplace_back(text.substr(open + 1, close - open - 1));
    }
    return out;
}

std::string fillTemplate(std::string_view text, const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find('{', at);
        const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
        if (close == std::string_view::npos) {
            out += text.substr(at);
            break;
        }
        out += text.substr(at, open - at);
        const auto it = values.find(std::string(text.substr(open + 1, close - open - 1)));
        out += it != values.end() ? it->second : std::string(text.substr(open, close - open + 1));
        at = close + 1;
    }
    return out;
}

} // namespace sb::practice
