#pragma once

#include "cli/CommandGroup.h"

namespace sb::cli {

/// `scaleboard-cli experiment DESIGN --vary P=... --replications N --jobs J`: sweeps and
/// replications with 95% confidence intervals (docs/experiments.md).
std::unique_ptr<CommandGroup> experimentCommands();

} // namespace sb::cli
