#pragma once

#include <string_view>
#include <vector>

namespace sb::review {

/// A built-in design template as embedded at build time: its file name without ".json"
/// and its JSON text.
struct TemplateText {
    std::string_view name;
    std::string_view json;
};

/// Every file of resources/templates/, sorted by name (generated source).
const std::vector<TemplateText>& templateTexts();

} // namespace sb::review
