#pragma once

#include "cli/CliExtensions.h"

namespace sb::cli {

/// Exit codes: 0 ok, 2 bad input (message on stderr), 1 internal error.
int runCli(int argc, char** argv, const CliExtensions& extensions = {});

} // namespace sb::cli
