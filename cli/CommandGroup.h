#pragma once

#include "cli/CliExtensions.h"

#include <memory>
#include <optional>
#include <vector>

namespace CLI {
class App;
}

namespace sb::cli {

/// One or more scaleboard-cli subcommands kept in their own files (experiments, serve,
/// ...). The command line adds every group's subcommands, asks each to check its options,
/// then runs the one chosen. Failures are thrown as BadInput (exit 2) or reported as an
/// exit code.
class CommandGroup {
public:
    virtual ~CommandGroup() = default;
    /// Adds this group's subcommands and their options to `app`.
    virtual void add(CLI::App& app) = 0;
    /// Checks the chosen subcommand's options before anything runs, if it is one of this
    /// group's; throws BadInput.
    virtual void check() {}
    /// Runs the chosen subcommand if it is one of this group's and returns its exit code;
    /// nothing when another group's command was chosen.
    virtual std::optional<int> run(const CliExtensions& extensions) = 0;
    /// Whether the chosen subcommand, if it is one of this group's, draws with an extension
    /// that `extensions` lacks: the command line then hands it to scaleboard-render.
    virtual bool draws(const CliExtensions& /*extensions*/) const { return false; }
};

/// Every group of commands beyond validate, run, templates, review and export.
std::vector<std::unique_ptr<CommandGroup>> commandGroups();

} // namespace sb::cli
