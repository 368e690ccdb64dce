#pragma once

namespace sb::app {

/// Adds to every designer window made from now on, one registered extension each: the design
/// review, the run history with the Replay dock, practice mode with its progress and the
/// back-of-the-envelope calculator (Tools), the guided path's lessons (Help), the
/// Experiments dock, File > Export (diagram, Mermaid, draw.io, run report, run data, run
/// animation) and the cost estimate in the status bar. Call once, before the first window.
void installWindowExtensions();

} // namespace sb::app
