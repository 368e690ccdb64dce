#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sb::design {

enum class PropertyType { Integer, Number, Boolean, Choice, Text, Group };

/// One property of a component kind: its name (units live in the name), type, default,
/// allowed range or choices and help text. A Group holds named sub-properties.
struct PropertySpec {
    std::string name;
    PropertyType type = PropertyType::Number;
    std::string unit;
    nlohmann::json defaultValue;
    std::optional<double> min;
    std::optional<double> max;
    std::vector<std::string> choices;
    std::string help;
    std::vector<PropertySpec> fields;
    /// A Group whose fields are fractions that must add up to 1 (the request mix).
    bool fractionsSumToOne = false;
    /// An optional property has no default; absent means "not set" (e.g. rate_rps).
    bool optional = false;
    /// A Text property naming a file: the inspector offers a file chooser, and a relative
    /// value is relative to the design file's folder (resolveFilePaths).
    bool filePath = false;
    /// Extra check for text values with a grammar (alert rules); returns a problem or "".
    std::function<std::string(const std::string&)> textCheck;

    const PropertySpec* field(std::string_view fieldName) const;
};

std::string_view toString(PropertyType type);

/// Checks one value against a spec; returns an empty string when valid, otherwise a
/// message naming the property ("workers must be an integer from 1 to 4096, got 0").
std::string checkValue(const PropertySpec& spec, const nlohmann::json& value,
                       const std::string& path);

/// A number as messages and labels write it: the shortest form, no trailing zeros ("5",
/// "0.25", "1e+08").
std::string formatNumber(double v);

/// Describes a spec's accepted values in words ("integer 1-4096", "one of lru, lfu, fifo").
std::string describeRange(const PropertySpec& spec);

} // namespace sb::design
