#pragma once

namespace sb::gui {

/// The designer window of the `scaleboard` program (app/ runs --headless itself, before
/// any window). A file argument opens that file; without one the built-in example design
/// opens.
int runApplication(int argc, char** argv);

} // namespace sb::gui
