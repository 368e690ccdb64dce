#include "cli/CommandGroup.h"
#include "cli/ExperimentCommands.h"
#include "cli/GradeCommands.h"
#include "cli/LessonCommands.h"
#include "cli/PracticeCommands.h"
#include "cli/ProgressCommands.h"
#include "cli/ServeCommands.h"

namespace sb::cli {

std::vector<std::unique_ptr<CommandGroup>> commandGroups() {
    std::vector<std::unique_ptr<CommandGroup>> groups;
    groups.push_back(experimentCommands());
    groups.push_back(practiceCommands());
    groups.push_back(gradeCommands());
    groups.push_back(lessonCommands());
    groups.push_back(progressCommands());
    groups.push_back(serveCommands());
    return groups;
}

} // namespace sb::cli
