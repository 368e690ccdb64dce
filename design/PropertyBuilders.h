#pragma once

#include "design/PropertySpec.h"

#include <string>
#include <vector>

namespace sb::design::builders {

/// Short constructors for property specs, so descriptors read like a table.
inline PropertySpec integerProperty(std::string name, std::int64_t def, double min, double max,
                                    std::string unit, std::string help) {
    PropertySpec s;
    s.name = std::move(name);
    s.type = PropertyType::Integer;
    s.defaultValue = def;
    s.min = min;
    s.max = max;
    s.unit = std::move(unit);
    s.help = std::move(help);
    return s;
}

inline PropertySpec numberProperty(std::string name, double def, double min, double max,
                                   std::string unit, std::string help) {
    PropertySpec s;
    s.name = std::move(name);
    s.type = PropertyType::Number;
    s.defaultValue = def;
    s.min = min;
    s.max = max;
    s.unit = std::move(unit);
    s.help = std::move(help);
    return s;
}

inline PropertySpec booleanProperty(std::string name, bool def, std::string help) {
    PropertySpec s;
    s.name = std::move(name);
    s.type = PropertyType::Boolean;
    s.defaultValue = def;
    s.help = std::move(help);
    return s;
}

inline PropertySpec choiceProperty(std::string name, std::vector<std::string> choices,
                                   std::string help) {
    PropertySpec s;
    s.name = std::move(name);
    s.type = PropertyType::Choice;
    s.defaultValue = choices.front();
    s.choices = std::move(choices);
    s.help = std::move(help);
    return s;
}

inline PropertySpec textProperty(std::string name, std::string def, std::string help) {
    PropertySpec s;
    s.name = std::move(name);
    s.type = PropertyType::Text;
    s.defaultValue = std::move(def);
    s.help = std::move(help);
    return s;
}

inline PropertySpec groupProperty(std::string name, std::vector<PropertySpec> fields,
                                  std::string help) {
    PropertySpec s;
    s.name = std::move(name);
    s.type = PropertyType::Group;
    s.fields = std::move(fields);
    s.help = std::move(help);
    return s;
}

inline std::vector<std::string> serviceDistributions() {
    return {"exponential", "constant", "lognormal", "uniform"};
}

} // namespace sb::design::builders
