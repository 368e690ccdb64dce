#pragma once

#include "design/Ids.h"
#include "design/Problem.h"

#include <QStringList>
#include <string>
#include <unordered_map>

namespace sb::render {

/// Validation problems sorted by what they are drawn on: a node's errors and warnings
/// (its badge) and a link's messages (drawn dashed in the error colour).
struct ProblemMarks {
    struct NodeMessages {
        QStringList errors;
        QStringList warnings;
    };
    std::unordered_map<std::string, NodeMessages> nodes; ///< by node id
    std::unordered_map<std::string, QStringList> links;  ///< by "from->to"

    static ProblemMarks of(const design::Problems& problems);
    static std::string linkKey(const design::LinkId& id) {
        return id.from.value + "->" + id.to.value;
    }
};

} // namespace sb::render
