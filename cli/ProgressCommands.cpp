#include "cli/ProgressCommands.h"

#include "cli/CliCommon.h"
#include "components/registry/ComponentRegistry.h"
#include "practice/Progress.h"
#include "workspace/WorkspaceFile.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

namespace sb::cli {

namespace {

class ProgressGroup : public CommandGroup {
public:
    void add(CLI::App& app) override {
        m_progress = app.add_subcommand("progress", "The practice attempts kept in a workspace, "
                                                    "by problem: best score, last result, "
                                                    "attempts, time taken, targets missed");
        m_progress->add_option("workspace", m_workspace, "Workspace file (.sbw)")->required();
        m_progress->add_flag("--json", m_json, "Print JSON");
    }

    std::optional<int> run(const CliExtensions&) override {
        if (!*m_progress)
            return std::nullopt;
        const ws::OpenResult opened =
            ws::WorkspaceFile::open(m_workspace, comp::ComponentRegistry::builtin());
        if (!opened.ok())
            throw BadInput{opened.error};
        const std::vector<practice::ProblemProgress> progress =
            practice::progressByProblem(opened.workspace->attempts);
        if (m_json) {
            std::cout << practice::toJson(progress, opened.workspace->damage).dump(2) << "\n";
            return kOk;
        }
        for (const std::string& damage : opened.workspace->damage)
            std::fprintf(stderr, "warning: %s: %s\n", m_workspace.c_str(), damage.c_str());
        std::cout << practice::formatProgress(progress);
        return kOk;
    }

private:
    CLI::App* m_progress = nullptr;
    std::string m_workspace;
    bool m_json = false;
};

} // namespace

std::unique_ptr<CommandGroup> progressCommands() {
    return std::make_unique<ProgressGroup>();
}

} // namespace sb::cli
