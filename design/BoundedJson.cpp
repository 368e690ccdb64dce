#include "design/BoundedJson.h"

namespace sb::design {

namespace {

/// The byte offset at which `text` first nests deeper than `maxDepth`, or npos. Brackets
/// inside strings do not count; the scan is linear and keeps no stack.
std::size_t firstTooDeep(std::string_view text, int maxDepth) {
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

std::string cut(std::string text, std::size_t limit, std::size_t fullSize) {
    if (text.size() <= limit)
        return text;
    text.resize(limit);
    return text + "... (" + std::to_string(fullSize) + " characters)";
}

} // namespace

nlohmann::json parseBoundedJson(std::string_view text, std::string& error) {
    const std::size_t deep = firstTooDeep(text, kMaxJsonDepth);
    if (deep != std::string_view::npos) {
        error = "nests lists or objects more than " + std::to_string(kMaxJsonDepth) +
                " levels deep (at byte " + std::to_string(deep + 1) + ")";
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) { // a syntax error or a number out of range
        error = std::string("is not valid JSON: ") + e.what();
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
}

std::string describeValue(const nlohmann::json& value, std::size_t limit) {
    if (value.is_string()) {
        // Cut before quoting, so a huge string is never copied whole into a message.
        const auto& s = value.get_ref<const std::string&>();
        const nlohmann::json head = s.substr(0, limit);
        std::string quoted = head.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (s.size() > limit)
            quoted.insert(quoted.size() - 1, "...");
        return s.size() > limit ? quoted + " (" + std::to_string(s.size()) + " characters)"
                                : quoted;
    }
    const std::string dumped = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return cut(dumped, limit, dumped.size());
}

} // namespace sb::design
