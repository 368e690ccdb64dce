#pragma once

#include "design/Design.h"

#include <utility>
#include <vector>

namespace sb::render {

/// Where the links at a node attach to its card: each link of a side gets its own place,
/// outgoing ones on the output side ordered by where their receivers stand, incoming ones
/// on the input side by their senders, top to bottom, so they do not cross as they leave.
struct PortLayout {
    /// (link, vertical offset from the middle of the side)
    std::vector<std::pair<design::LinkId, double>> outgoing;
    std::vector<std::pair<design::LinkId, double>> incoming;

    /// The ports of `node`, whose links are `links`.
    static PortLayout at(const design::Design& design, const design::NodeId& node,
                         const std::vector<design::LinkId>& links);
    /// The offset of port `index` of `count` on one side.
    static double portOffset(int index, int count);
    static constexpr double kPortSpacing = 10;
};

} // namespace sb::render
