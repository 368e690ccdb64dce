#include "review/ScalingPath.h"

#include "review/TemplateTexts.h"

#include <nlohmann/json.hpp>

namespace sb::review {

namespace {

int stepNumber(std::string_view name) {
    if (!name.starts_with("step") || name.size() < 6)
        return 0;
    const char tens = name[4], ones = name[5];
    if (tens < '0' || tens > '9' || ones < '0' || ones > '9')
        return 0;
    return (tens - '0') * 10 + (ones - '0');
}

std::string firstSentence(const std::string& text) {
    std::size_t end = text.find('\n');
    const std::size_t stop = text.find(". ");
    if (stop != std::string::npos && (end == std::string::npos || stop < end))
        end = stop + 1;
    return text.substr(0, end);
}

DesignTemplate describe(const TemplateText& text) {
    DesignTemplate t;
    t.step = stepNumber(text.name);
    t.name = std::string(text.name);
    t.json = text.json;
    const auto document = nlohmann::json::parse(text.json, nullptr, false);
    if (document.is_object()) {
        t.title = document.value("name", t.name);
        t.summary = firstSentence(document.value("description", std::string{}));
    }
    return t;
}

} // namespace

const std::vector<DesignTemplate>& ScalingPath::templates() {
    static const std::vector<DesignTemplate> all = [] {
        std::vector<DesignTemplate> out;
        for (const TemplateText& text : templateTexts())
            out.push_back(describe(text));
        return out;
    }();
    return all;
}

const DesignTemplate* ScalingPath::find(std::string_view name) {
    if (name.ends_with(".json"))
        name.remove_suffix(5);
    for (const auto& t : templates())
        if (t.name == name)
            return &t;
    return nullptr;
}

const DesignTemplate* ScalingPath::step(int number) {
    for (const auto& t : templates())
        if (t.step == number && number > 0)
            return &t;
    return nullptr;
}

} // namespace sb::review
