#pragma once

namespace sb::app {

/// Whether `scaleboard` runs without a window: --headless, or no display to show one on.
bool wantsHeadless(int argc, char** argv);

/// `scaleboard --headless [FILE] [run options]` is `scaleboard-cli run FILE [run options]`
/// (reports included), with the built-in example design when no file is given.
int runHeadless(int argc, char** argv);

} // namespace sb::app
