#pragma once

#include "cli/CommandGroup.h"

namespace sb::cli {

/// `scaleboard-cli estimate [--daily-users N ...] [--estimate NAME=VALUE ...] [--json]`: the
/// back-of-the-envelope calculator, and how far off the candidate's own estimates are
/// (docs/practice.md).
std::unique_ptr<CommandGroup> practiceCommands();

} // namespace sb::cli
