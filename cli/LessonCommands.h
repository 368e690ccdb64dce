#pragma once

#include "cli/CommandGroup.h"

namespace sb::cli {

/// `scaleboard-cli lessons [--json]` and `scaleboard-cli lesson ID [--design FILE]
/// [--seed N] [--json]`: the guided path's eleven lessons, and one lesson's run with its
/// debrief, each goal met or missed with its evidence (docs/lessons.md).
std::unique_ptr<CommandGroup> lessonCommands();

} // namespace sb::cli
