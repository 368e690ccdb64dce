#pragma once

#include "design/ComponentDescriptor.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sb::design {

/// Reads a node's (or a link's) effective property values: what the user set, else the
/// spec's default. The specs and the props must outlive it.
class PropertyValues {
public:
    PropertyValues(const ComponentDescriptor& descriptor, const nlohmann::json& props);
    /// Over any specs, such as a link's (LinkProperties.h); `owner` names them in errors.
    PropertyValues(const std::vector<PropertySpec>& specs, std::string owner,
                   const nlohmann::json& props);

    bool has(std::string_view name) const; ///< set explicitly by the user
    double number(std::string_view name) const;
    std::int64_t integer(std::string_view name) const;
    bool boolean(std::string_view name) const;
    std::string text(std::string_view name) const;
    /// A field of a group property ("mix", "read").
    double number(std::string_view group, std::string_view field) const;
    std::int64_t integer(std::string_view group, std::string_view field) const;
    bool boolean(std::string_view group, std::string_view field) const;
    bool hasField(std::string_view group, std::string_view field) const;
    /// The effective value, for display.
    nlohmann::json value(std::string_view name) const;

private:
    const nlohmann::json& lookup(std::string_view name) const;
    const nlohmann::json& lookup(std::string_view group, std::string_view field) const;

    const PropertySpec* spec(std::string_view name) const;

    const std::vector<PropertySpec>& m_specs;
    std::string m_owner;
    const nlohmann::json& m_props;
};

} // namespace sb::design
