#pragma once

#include "cli/CliExtensions.h"

namespace sb::cli {

/// Exit codes: 0 ok, 2 bad input (message on stderr), 1 internal error. Without the
/// drawing extensions, a command that draws runs in scaleboard-render beside the program
/// (argv must end with a null pointer, as main's does).
int runCli(int argc, char** argv, const CliExtensions& extensions = {});

/// Parses and checks a command line without running it (what the argument fuzzer
/// drives): -1 when it names a command to run, else runCli's exit code for it (0 after
/// --help or --version, 2 for a bad command line, with the message on stderr).
int checkArguments(int argc, char** argv);

} // namespace sb::cli
