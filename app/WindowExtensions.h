#pragma once

namespace sb::app {

/// Adds to every designer window made from now on: the design review dock, the run history
/// dock and File > Export (diagram, Mermaid, draw.io, run report, run data). Call once,
/// before the first window.
void installWindowExtensions();

} // namespace sb::app
