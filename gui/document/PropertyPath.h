#pragma once

#include "design/PropertySpec.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sb::gui {

/// Names one property value: a top-level property ("workers") or a field of a group
/// property ("autoscale.max").
struct PropertyPath {
    std::string name;
    std::string field; ///< empty for a top-level property

    std::string text() const { return field.empty() ? name : name + "." + field; }
    bool operator==(const PropertyPath&) const = default;

    /// The spec this path names among `specs`, or null.
    const design::PropertySpec* spec(const std::vector<design::PropertySpec>& specs) const;
    /// The value set in `props`, or null when it is not set.
    nlohmann::json valueIn(const nlohmann::json& props) const;
    /// `props` with this value set; a null value removes it (back to the default).
    nlohmann::json withValue(nlohmann::json props, const nlohmann::json& value) const;
};

} // namespace sb::gui
