#include "design/PropertySpec.h"

#include "design/BoundedJson.h"

#include <cmath>
#include <sstream>

namespace sb::design {

const PropertySpec* PropertySpec::field(std::string_view fieldName) const {
    for (const auto& f : fields)
        if (f.name == fieldName)
            return &f;
    return nullptr;
}

std::string_view toString(PropertyType type) {
    switch (type) {
    case PropertyType::Integer:
        return "integer";
    case PropertyType::Number:
        return "number";
    case PropertyType::Boolean:
        return "boolean";
    case PropertyType::Choice:
        return "choice";
    case PropertyType::Text:
        return "text";
    case PropertyType::Group:
        return "group";
    }
    return "?";
}

std::string formatNumber(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

namespace {

std::string joinChoices(const std::vector<std::string>& choices) {
    std::string out;
    for (size_t i = 0; i < choices.size(); ++i) {
        if (i)
            out += ", ";
        out += choices[i];
    }
    return out;
}

} // namespace

std::string describeRange(const PropertySpec& spec) {
    switch (spec.type) {
    case PropertyType::Integer:
    case PropertyType::Number: {
        std::string what = spec.type == PropertyType::Integer ? "an integer" : "a number";
        if (spec.min && spec.max)
            return what + " from " + formatNumber(*spec.min) + " to " + formatNumber(*spec.max);
        if (spec.min)
            return what + " of at least " + formatNumber(*spec.min);
        if (spec.max)
            return what + " of at most " + formatNumber(*spec.max);
        return what;
    }
    case PropertyType::Boolean:
        return "true or false";
    case PropertyType::Choice:
        return "one of " + joinChoices(spec.choices);
    case PropertyType::Text:
        return "a text";
    case PropertyType::Group:
        return "an object";
    }
    return {};
}

std::string checkValue(const PropertySpec& spec, const nlohmann::json& value,
                       const std::string& path) {
    auto fail = [&](const std::string& got) {
        return path + " must be " + describeRange(spec) + ", got " + got;
    };
    switch (spec.type) {
    case PropertyType::Integer:
    case PropertyType::Number: {
        if (!value.is_number())
            return fail(describeValue(value));
        double v = value.get<double>();
        if (spec.type == PropertyType::Integer &&
            !(value.is_number_integer() || value.is_number_unsigned()))
            return fail(describeValue(value));
        if (!std::isfinite(v) || (spec.min && v < *spec.min) || (spec.max && v > *spec.max))
            return fail(describeValue(value));
        return {};
    }
    case PropertyType::Boolean:
        return value.is_boolean() ? std::string{} : fail(describeValue(value));
    case PropertyType::Choice: {
        if (!value.is_string())
            return fail(describeValue(value));
        for (const auto& c : spec.choices)
            if (c == value.get<std::string>())
                return {};
        return fail(describeValue(value));
    }
    case PropertyType::Text: {
        if (!value.is_string())
            return fail(describeValue(value));
        if (spec.textCheck) {
            std::string problem = spec.textCheck(value.get<std::string>());
            if (!problem.empty())
                return path + ": " + problem;
        }
        return {};
    }
    case PropertyType::Group: {
        if (!value.is_object())
            return fail(describeValue(value));
        for (auto it = value.begin(); it != value.end(); ++it) {
            const PropertySpec* f = spec.field(it.key());
            if (!f)
                return path + " has no field '" + it.key() + "'";
            std::string problem = checkValue(*f, it.value(), path + "." + it.key());
            if (!problem.empty())
                return problem;
        }
        if (spec.fractionsSumToOne) {
            double sum = 0;
            for (const auto& f : spec.fields) {
                auto it = value.find(f.name);
                sum += it != value.end() ? it->get<double>() : f.defaultValue.get<double>();
            }
            if (std::abs(sum - 1.0) > 1e-6)
                return path + " fractions must add up to 1, they add up to " + formatNumber(sum);
        }
        return {};
    }
    }
    return {};
}

} // namespace sb::design
