#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace sb::design {

/// The deepest nesting any reader accepts. A design needs five levels (design, nodes, node,
/// props, a group such as mix); workspace rows a few more. Deeper input is refused before
/// it is parsed, so nothing that copies, compares or prints a value recurses without bound.
inline constexpr int kMaxJsonDepth = 64;

/// Parses JSON text that nests at most kMaxJsonDepth levels. Throws nothing: on failure it
/// returns a discarded value and sets `error` to the reason, worded to follow a subject
/// ("the file " + error): "is not valid JSON: ..." with the parser's message, or "nests
/// lists or objects more than 64 levels deep (at byte N)".
nlohmann::json parseBoundedJson(std::string_view text, std::string& error);

/// A value as it may appear in a message: compact JSON, cut to about `limit` characters
/// (with "..." and the full size when it was cut), whatever the value's size.
std::string describeValue(const nlohmann::json& value, std::size_t limit = 60);

} // namespace sb::design
