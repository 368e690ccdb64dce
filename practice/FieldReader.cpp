#include "practice/FieldReader.h"

#include "design/BoundedJson.h"
#include "design/PropertySpec.h"

#include <algorithm>
#include <cmath>

namespace sb::practice {

using nlohmann::json;

bool FieldReader::object(const json& object, const std::string& path,
                         std::initializer_list<std::string_view> allowed) {
    if (!object.is_object()) {
        error(path + " must be an object, got " + design::describeValue(object));
        return false;
    }
    for (const auto& item : object.items())
        if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
            error(join(path, item.key()) + " is not a key this format knows");
    return true;
}

void FieldReader::header(const json& document, std::string_view format, int version,
                         std::string_view what) {
    if (document.value("format", json()) != format)
        error("format must be \"" + std::string(format) + "\", got " +
              design::describeValue(document.value("format", json())));
    const std::string wanted = std::to_string(version);
    if (const auto v = document.find("version"); v == document.end() || !v->is_number_integer())
        error("version must be the whole number " + wanted);
    else if (v->get<double>() > version)
        error("version " + v->dump() + " is newer than this Scaleboard reads (" + wanted +
              "): update Scaleboard to read this " + std::string(what));
    else if (v->get<double>() < 1)
        error("version must be " + wanted + ", got " + v->dump());
}

std::optional<double> FieldReader::number(const json& object, const std::string& path,
                                          const std::string& key, double min, double max,
                                          bool required) {
    const auto it = object.find(key);
    if (it == object.end()) {
        if (required)
            error(join(path, key) + " is missing (a number from " + design::formatNumber(min) +
                  " to " + design::formatNumber(max) + ")");
        return std::nullopt;
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < min ||
        it->get<double>() > max) {
        error(join(path, key) + " must be a number from " + design::formatNumber(min) + " to " +
              design::formatNumber(max) + ", got " + design::describeValue(*it));
        return std::nullopt;
    }
    return it->get<double>();
}

std::optional<std::uint64_t> FieldReader::whole(const json& object, const std::string& path,
                                                const std::string& key, double max, bool required) {
    const auto it = object.find(key);
    if (it != object.end() &&
        (!it->is_number_integer() || it->get<double>() < 0 || it->get<double>() > max)) {
        error(join(path, key) + " must be a whole number from 0 to " + design::formatNumber(max) +
              ", got " + design::describeValue(*it));
        return std::nullopt;
    }
    if (it == object.end()) {
        if (required)
            error(join(path, key) + " is missing (a whole number)");
        return std::nullopt;
    }
    return it->get<std::uint64_t>();
}

std::string FieldReader::text(const json& object, const std::string& path, const std::string& key,
                              bool required) {
    const auto it = object.find(key);
    if (it == object.end()) {
        if (required)
            error(join(path, key) + " is missing (a text)");
        return {};
    }
    if (!it->is_string() || (required && it->get<std::string>().empty())) {
        error(join(path, key) + " must be a non-empty text, got " + design::describeValue(*it));
        return {};
    }
    return it->get<std::string>();
}

std::vector<std::string> FieldReader::texts(const json& object, const std::string& path,
                                            const std::string& key, std::size_t min,
                                            std::size_t max) {
    const auto it = object.find(key);
    const std::string where = join(path, key);
    const std::string wanted =
        min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
    if (it == object.end()) {
        error(where + " is missing (a list of " + wanted + " texts)");
        return {};
    }
    const bool texts = it->is_array() && std::all_of(it->begin(), it->end(), [](const json& t) {
                           return t.is_string() && !t.get<std::string>().empty();
                       });
    if (!texts || it->size() < min || it->size() > max) {
        error(where + " must be a list of " + wanted + " non-empty texts, got " +
              design::describeValue(*it));
        return {};
    }
    return it->get<std::vector<std::string>>();
}

} // namespace sb::practice
