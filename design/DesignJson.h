#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "design/Problem.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace sb::design {

inline constexpr const char* kDesignFormat = "scaleboard-design";
inline constexpr int kDesignVersion = 1;

/// The outcome of reading a design: the design when it is valid, and every problem found.
/// A design with errors is never returned half-read.
struct LoadResult {
    std::optional<Design> design;
    Problems problems;
    bool ok() const { return design.has_value(); }
};

/// Reads a design from JSON text: checks the structure, then validates it.
LoadResult readDesign(std::string_view text, const DescriptorCatalog& catalog);
LoadResult readDesignJson(const nlohmann::json& document, const DescriptorCatalog& catalog);
/// Reads a design that may be unfinished (a workspace or autosave of a drawing in
/// progress): the design is returned whenever its structure is readable, and validation
/// problems, errors included, are listed beside it for the canvas to show.
LoadResult readDraftDesign(std::string_view text, const DescriptorCatalog& catalog);
/// Reads a design file from disk ("cannot open x.json: No such file" is a problem too).
LoadResult readDesignFile(const std::string& path, const DescriptorCatalog& catalog);

/// The JSON form of a design, in canonical key order.
nlohmann::json toJson(const Design& design);
std::string writeDesign(const Design& design);
/// Writes atomically: a temporary file beside the target, flushed, then renamed.
/// Returns an empty string on success, else the reason.
std::string writeDesignFile(const Design& design, const std::string& path);

} // namespace sb::design
