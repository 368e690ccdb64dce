#pragma once

#include <string>
#include <string_view>

namespace sb::design {

/// User text (names, labels, descriptions) made safe to embed in exported files.

/// The text with every control character (below U+0020, and DEL) replaced by a space,
/// except line breaks when `keepNewlines`; invalid UTF-8 is kept byte for byte.
std::string withoutControlCharacters(std::string_view text, bool keepNewlines = false);

/// For XML, SVG and HTML text and attribute values: control characters removed as above
/// (newlines kept as "&#10;"), and & < > " ' escaped.
std::string markupEscaped(std::string_view text);

} // namespace sb::design
