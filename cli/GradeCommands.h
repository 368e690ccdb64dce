#pragma once

#include "cli/CommandGroup.h"

namespace sb::cli {

/// `scaleboard-cli problems [show ID] [--json]`, `scaleboard-cli grade PROBLEM DESIGN
/// [--seeds N] [--prices FILE] [--json] [--record WORKSPACE [--time-taken S]]` (or `grade
/// DESIGN --problem PROBLEM ...`) and
/// `scaleboard-cli cost DESIGN [--prices FILE]
/// [--json]`: the practice problems, grading a design by running it against one, and a
/// design's estimated monthly cost (docs/practice.md).
std::unique_ptr<CommandGroup> gradeCommands();

} // namespace sb::cli
