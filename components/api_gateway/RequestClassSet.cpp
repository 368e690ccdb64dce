#include "components/api_gateway/RequestClassSet.h"

namespace sb::comp {

RequestClassSet RequestClassSet::parse(std::string_view text, std::string& error) {
    RequestClassSet set;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find_first_of(", ", at);
        const std::string_view name =
            text.substr(at, end == std::string_view::npos ? end : end - at);
        at = end == std::string_view::npos ? text.size() : end + 1;
        if (name.empty())
            continue;
        bool known = false;
        for (int i = 0; i < emu::kRequestClassCount; ++i)
            if (emu::toString(static_cast<emu::RequestClass>(i)) == name) {
                set.m_bits |= static_cast<std::uint8_t>(1u << i);
                known = true;
            }
        if (!known) {
            std::string names;
            for (int i = 0; i < emu::kRequestClassCount; ++i)
                names += std::string(i ? ", " : "") +
                         std::string(emu::toString(static_cast<emu::RequestClass>(i)));
            error = "unknown request class '" + std::string(name) + "' (known: " + names + ")";
            return {};
        }
    }
    return set;
}

} // namespace sb::comp
