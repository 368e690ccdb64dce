#pragma once

#include "emulator/Request.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace sb::comp {

/// A set of request classes, read from a list such as "read, join" (commas or spaces
/// between the names emu::toString(RequestClass) gives): what an API gateway's link carries.
class RequestClassSet {
public:
    RequestClassSet() = default;
    /// Reads a list; on an unknown name `error` says which, and the set is empty.
    static RequestClassSet parse(std::string_view text, std::string& error);

    bool empty() const { return m_bits == 0; }
    bool contains(emu::RequestClass c) const { return (m_bits >> static_cast<unsigned>(c)) & 1u; }

private:
    std::uint8_t m_bits = 0;
};

} // namespace sb::comp
