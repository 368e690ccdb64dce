#include "render/ProblemMarks.h"

namespace sb::render {

ProblemMarks ProblemMarks::of(const design::Problems& problems) {
    ProblemMarks marks;
    for (const auto& p : problems) {
        const QString message = QString::fromStdString(p.message);
        if (!p.link.empty())
            marks.links[p.link] << message;
        else if (!p.node.empty())
            (p.isError() ? marks.nodes[p.node].errors : marks.nodes[p.node].warnings) << message;
    }
    return marks;
}

} // namespace sb::render
