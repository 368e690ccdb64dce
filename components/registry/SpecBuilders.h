#pragma once

#include "design/PropertySpec.h"

#include <string>
#include <vector>

namespace sb::comp {

/// Short constructors for property specs, so descriptors read like a table.
inline design::PropertySpec integerProperty(std::string name, std::int64_t def, double min,
                                            double max, std::string unit, std::string help) {
    design::PropertySpec s;
    s.name = std::move(name);
    s.type = design::PropertyType::Integer;
    s.defaultValue = def;
    s.min = min;
    s.max = max;
    s.unit = std::move(unit);
    s.help = std::move(help);
    return s;
}

inline design::PropertySpec numberProperty(std::string name, double def, double min, double max,
                                           std::string unit, std::string help) {
    design::PropertySpec s;
    s.name = std::move(name);
    s.type = design::PropertyType::Number;
    s.defaultValue = def;
    s.min = min;
    s.max = max;
    s.unit = std::move(unit);
    s.help = std::move(help);
    return s;
}

inline design::PropertySpec booleanProperty(std::string name, bool def, std::string help) {
    design::PropertySpec s;
    s.name = std::move(name);
    s.type = design::PropertyType::Boolean;
    s.defaultValue = def;
    s.help = std::move(help);
    return s;
}

inline design::PropertySpec choiceProperty(std::string name, std::vector<std::string> choices,
                                           std::string help) {
    design::PropertySpec s;
    s.name = std::move(name);
    s.type = design::PropertyType::Choice;
    s.defaultValue = choices.front();
    s.choices = std::move(choices);
    s.help = std::move(help);
    return s;
}

inline design::PropertySpec textProperty(std::string name, std::string def, std::string help) {
    design::PropertySpec s;
    s.name = std::move(name);
    s.type = design::PropertyType::Text;
    s.defaultValue = std::move(def);
    s.help = std::move(help);
    return s;
}

inline design::PropertySpec
groupProperty(std::string name, std::vector<design::PropertySpec> fields, std::string help) {
    design::PropertySpec s;
    s.name = std::move(name);
    s.type = design::PropertyType::Group;
    s.fields = std::move(fields);
    s.help = std::move(help);
    return s;
}

inline std::vector<std::string> serviceDistributions() {
    return {"exponential", "constant", "lognormal", "uniform"};
}

} // namespace sb::comp
