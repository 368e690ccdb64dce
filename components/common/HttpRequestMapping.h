#pragma once

#include "emulator/Request.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace sb::comp {

/// How a real HTTP request (a replayed access-log line or a request to `serve`) becomes an
/// emulated one: `GET`/`HEAD` of an asset (under `/static/` or `/assets/`, or a file name
/// ending .css, .js, .png, .jpg, .jpeg, .gif, .svg, .ico, .woff, .woff2, .webp, .map) is
/// static; `POST` to `/jobs` or under `/jobs/` is async; other `POST`, `PUT`, `PATCH` and
/// `DELETE` are writes; other `GET`, `HEAD` and `OPTIONS` are reads. Empty for any other
/// method.
std::optional<emu::RequestClass> requestClassOf(std::string_view method, std::string_view path);

/// The data key a path names, as a 0-based popularity rank below `keys`: a path whose last
/// segment is a number n >= 1 (`/items/42`) asks for rank n (wrapped into the key space);
/// any other path for a rank drawn from its hash. The query string is ignored.
std::uint32_t keyOfPath(std::string_view path, std::uint64_t keys);

/// FNV-1a of a text: a stable hash for addresses and paths (the same on every machine).
std::uint64_t stableHash(std::string_view text);

} // namespace sb::comp
