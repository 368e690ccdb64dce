#include "cli/CommandGroup.h"
#include "cli/ExperimentCommands.h"

namespace sb::cli {

std::vector<std::unique_ptr<CommandGroup>> commandGroups() {
    std::vector<std::unique_ptr<CommandGroup>> groups;
    groups.push_back(experimentCommands());
    return groups;
}

} // namespace sb::cli
