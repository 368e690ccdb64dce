#include "gui/document/PropertyPath.h"

namespace sb::gui {

const design::PropertySpec*
PropertyPath::spec(const std::vector<design::PropertySpec>& specs) const {
    for (const auto& s : specs)
        if (s.name == name)
            return field.empty() ? &s : s.field(field);
    return nullptr;
}

nlohmann::json PropertyPath::valueIn(const nlohmann::json& props) const {
    auto it = props.find(name);
    if (it == props.end())
        return nullptr;
    if (field.empty())
        return *it;
    if (!it->is_object())
        return nullptr;
    auto f = it->find(field);
    return f == it->end() ? nlohmann::json() : *f;
}

nlohmann::json PropertyPath::withValue(nlohmann::json props, const nlohmann::json& value) const {
    if (!props.is_object())
        props = nlohmann::json::object();
    if (field.empty()) {
        if (value.is_null())
            props.erase(name);
        else
            props[name] = value;
        return props;
    }
    nlohmann::json& group = props[name];
    if (!group.is_object())
        group = nlohmann::json::object();
    if (value.is_null())
        group.erase(field);
    else
        group[field] = value;
    if (group.empty())
        props.erase(name);
    return props;
}

} // namespace sb::gui
