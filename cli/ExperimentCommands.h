#pragma once

#include "cli/CommandGroup.h"

namespace sb::cli {

/// `scaleboard-cli experiment FILE|DESIGN --vary P=... --zip P=... --replications N --jobs J
/// [--targets ...] [--emit slurm DIR]`: sweeps and replications with 95% confidence
/// intervals; `experiment collect DIR` and `experiment task DIR --task T` for a Slurm job
/// array; `plan FILE|DESIGN --minimise cost|PROPERTY --targets ...`: the capacity planner
/// (docs/experiments.md).
std::unique_ptr<CommandGroup> experimentCommands();

} // namespace sb::cli
