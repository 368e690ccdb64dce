#include "cli/CommandGroup.h"
#include "cli/ExperimentCommands.h"
#include "cli/GradeCommands.h"
#include "cli/PracticeCommands.h"

namespace sb::cli {

std::vector<std::unique_ptr<CommandGroup>> commandGroups() {
    std::vector<std::unique_ptr<CommandGroup>> groups;
    groups.push_back(experimentCommands());
    groups.push_back(practiceCommands());
    groups.push_back(gradeCommands());
    return groups;
}

} // namespace sb::cli
