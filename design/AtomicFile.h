#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sb::design {

/// The largest file the readers take (designs, templates, access logs): 64 MiB.
inline constexpr std::size_t kMaxReadBytes = 64u << 20;

/// Replaces a file's contents all at once: writes a temporary file in the same folder,
/// syncs it, then renames it over the target, so a crash leaves the old file or the new
/// one, never half of either. Temporary files that a killed writer left behind are removed
/// on the next write of the same file. A link to a file replaces the file and keeps the
/// link; an existing special file (a terminal, a pipe, /dev/null) is written directly,
/// never replaced; a folder is refused; "-" is standard output. Returns an empty string
/// on success, else the reason (naming the path and the system's error, "the disk is
/// full" among them).
std::string writeFileAtomically(const std::string& path, std::string_view contents);

/// Reads a whole regular file of at most `maxBytes`; returns false and sets `error`
/// (naming the path: missing, unreadable, a folder, too large) when it cannot.
bool readWholeFile(const std::string& path, std::string& contents, std::string& error,
                   std::size_t maxBytes = kMaxReadBytes);

} // namespace sb::design
