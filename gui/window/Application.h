#pragma once

namespace sb::gui {

/// The `scaleboard` program: the designer window, or with --headless (or when there is no
/// display) a run of the design printed like `scaleboard-cli run`. A file argument opens
/// that file; without one the built-in example design opens.
int runApplication(int argc, char** argv);

} // namespace sb::gui
