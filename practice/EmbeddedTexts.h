#pragma once

#include <string_view>
#include <vector>

namespace sb::practice {

/// A JSON file embedded at build time: its file name without ".json" and its text.
struct EmbeddedText {
    std::string_view name;
    std::string_view json;
};

/// Every file of resources/problems/, sorted by name (generated source).
const std::vector<EmbeddedText>& problemTexts();
/// Every file of resources/prices/, sorted by name (generated source).
const std::vector<EmbeddedText>& priceTexts();
/// Every file of resources/lessons/, sorted by name (generated source).
const std::vector<EmbeddedText>& lessonTexts();

} // namespace sb::practice
