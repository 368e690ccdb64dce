#pragma once

#include "cli/CliExtensions.h"

namespace sb::app {

/// The command line's diagram export and report writer. Each creates the Qt application
/// it needs on first use, on the offscreen platform unless QT_QPA_PLATFORM says otherwise,
/// so validate and run never start Qt.
cli::CliExtensions cliRendering();

} // namespace sb::app
