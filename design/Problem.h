#pragma once

#include <string>
#include <vector>

namespace sb::design {

/// One thing wrong with a design, located as precisely as possible.
struct Problem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string node;     ///< node id, empty when not about a node
    std::string link;     ///< "from->to", empty when not about a link
    std::string property; ///< property path ("autoscale.max"), empty when none
    std::string message;  ///< full sentence naming what is wrong

    bool isError() const { return severity == Severity::Error; }
};

using Problems = std::vector<Problem>;

bool hasErrors(const Problems& problems);
/// One problem per line, errors first.
std::string formatProblems(const Problems& problems);

} // namespace sb::design
