#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::practice {

/// Reads the keys of the practice files' JSON objects (problems, lessons), collecting every
/// error with the key's path ("traffic.daily_users must be ...") instead of stopping at the
/// first.
class FieldReader {
public:
    explicit FieldReader(std::vector<std::string>& errors)
        : m_errors(errors) {}

    void error(const std::string& message) { m_errors.push_back(message); }

    /// Reports keys of `object` not in `allowed`; false when `object` is no object.
    bool object(const nlohmann::json& object, const std::string& path,
                std::initializer_list<std::string_view> allowed);
    /// The `format` and `version` keys every practice file starts with: `format` exactly
    /// this, `version` a whole number from 1 to `version` (a newer one is named as such).
    void header(const nlohmann::json& document, std::string_view format, int version,
                std::string_view what);
    /// A number from `min` to `max`; nothing (and an error when required) otherwise.
    std::optional<double> number(const nlohmann::json& object, const std::string& path,
                                 const std::string& key, double min, double max, bool required);
    /// A whole number from 0 to `max`.
    std::optional<std::uint64_t> whole(const nlohmann::json& object, const std::string& path,
                                       const std::string& key, double max, bool required);
    /// A text; a required one must not be empty.
    std::string text(const nlohmann::json& object, const std::string& path, const std::string& key,
                     bool required);
    /// A list of `min` to `max` non-empty texts.
    std::vector<std::string> texts(const nlohmann::json& object, const std::string& path,
                                   const std::string& key, std::size_t min, std::size_t max);

    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

private:
    std::vector<std::string>& m_errors;
};

} // namespace sb::practice
