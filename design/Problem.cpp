#include "design/Problem.h"

#include <algorithm>

namespace sb::design {

bool hasErrors(const Problems& problems) {
    return std::any_of(problems.begin(), problems.end(),
                       [](const Problem& p) { return p.isError(); });
}

std::string formatProblems(const Problems& problems) {
    std::string out;
    for (bool errors : {true, false}) {
        for (const auto& p : problems) {
            if (p.isError() != errors)
                continue;
            out += errors ? "error: " : "warning: ";
            out += p.message;
            out += '\n';
        }
    }
    return out;
}

} // namespace sb::design
