#pragma once

#include "cli/CommandGroup.h"

namespace sb::cli {

/// `scaleboard-cli progress WORKSPACE [--json]`: the practice attempts kept in a workspace
/// (grade --record, or Evaluate in the window), summed up by problem (docs/practice.md).
std::unique_ptr<CommandGroup> progressCommands();

} // namespace sb::cli
