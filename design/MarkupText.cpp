#include "design/MarkupText.h"

namespace sb::design {

std::string withoutControlCharacters(std::string_view text, bool keepNewlines) {
    std::string out(text);
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 || u == 0x7f) && !(keepNewlines && c == '\n'))
            c = ' ';
    }
    return out;
}

std::string markupEscaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : withoutControlCharacters(text, true)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        case '\n':
            out += "&#10;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace sb::design
