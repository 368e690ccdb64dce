#pragma once

#include "cli/CommandGroup.h"

namespace sb::cli {

/// `serve`: a design's emulation behind a loopback HTTP endpoint (serve/LiveEndpoint).
std::unique_ptr<CommandGroup> serveCommands();

} // namespace sb::cli
