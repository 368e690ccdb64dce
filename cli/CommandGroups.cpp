#include "cli/CommandGroup.h"

namespace sb::cli {

std::vector<std::unique_ptr<CommandGroup>> commandGroups() {
    std::vector<std::unique_ptr<CommandGroup>> groups;
    return groups;
}

} // namespace sb::cli
