#pragma once

#include <string>

namespace sb::design {

/// Replaces a file's contents all at once: writes a temporary file in the same folder,
/// syncs it, then renames it over the target, so a crash leaves the old file or the new
/// one, never half of either. Returns an empty string on success, else the reason.
std::string writeFileAtomically(const std::string& path, std::string_view contents);

/// Reads a whole file; returns false and sets error when it cannot.
bool readWholeFile(const std::string& path, std::string& contents, std::string& error);

} // namespace sb::design
