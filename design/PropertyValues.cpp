#include "design/PropertyValues.h"

#include <stdexcept>
#include <utility>

namespace sb::design {

PropertyValues::PropertyValues(const ComponentDescriptor& descriptor, const nlohmann::json& props)
    : PropertyValues(descriptor.properties, descriptor.kind, props) {}

PropertyValues::PropertyValues(const std::vector<PropertySpec>& specs, std::string owner,
                               const nlohmann::json& props)
    : m_specs(specs)
    , m_owner(std::move(owner))
    , m_props(props) {}

const PropertySpec* PropertyValues::spec(std::string_view name) const {
    for (const auto& s : m_specs)
        if (s.name == name)
            return &s;
    return nullptr;
}

bool PropertyValues::has(std::string_view name) const {
    return m_props.is_object() && m_props.contains(std::string(name));
}

const nlohmann::json& PropertyValues::lookup(std::string_view name) const {
    if (has(name))
        return m_props.at(std::string(name));
    const PropertySpec* spec = this->spec(name);
    if (!spec)
        throw std::logic_error(m_owner + " has no property " + std::string(name));
    return spec->defaultValue;
}

const nlohmann::json& PropertyValues::lookup(std::string_view group, std::string_view field) const {
    if (has(group)) {
        const auto& g = m_props.at(std::string(group));
        if (g.contains(std::string(field)))
            return g.at(std::string(field));
    }
    const PropertySpec* spec = this->spec(group);
    const PropertySpec* f = spec ? spec->field(field) : nullptr;
    if (!f)
        throw std::logic_error(m_owner + " has no property " + std::string(group) + "." +
                               std::string(field));
    return f->defaultValue;
}

bool PropertyValues::hasField(std::string_view group, std::string_view field) const {
    return has(group) && m_props.at(std::string(group)).contains(std::string(field));
}

double PropertyValues::number(std::string_view name) const {
    return lookup(name).get<double>();
}

std::int64_t PropertyValues::integer(std::string_view name) const {
    return lookup(name).get<std::int64_t>();
}

bool PropertyValues::boolean(std::string_view name) const {
    return lookup(name).get<bool>();
}

std::string PropertyValues::text(std::string_view name) const {
    return lookup(name).get<std::string>();
}

double PropertyValues::number(std::string_view group, std::string_view field) const {
    return lookup(group, field).get<double>();
}

std::int64_t PropertyValues::integer(std::string_view group, std::string_view field) const {
    return lookup(group, field).get<std::int64_t>();
}

bool PropertyValues::boolean(std::string_view group, std::string_view field) const {
    return lookup(group, field).get<bool>();
}

nlohmann::json PropertyValues::value(std::string_view name) const {
    const PropertySpec* spec = this->spec(name);
    if (spec && spec->type == PropertyType::Group) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& f : spec->fields)
            out[f.name] = lookup(name, f.name);
        return out;
    }
    if (spec && spec->optional && !has(name))
        return nullptr;
    return lookup(name);
}

} // namespace sb::design
