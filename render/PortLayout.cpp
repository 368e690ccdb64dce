#include "render/PortLayout.h"

#include "design/Geometry.h"

#include <algorithm>

namespace sb::render {

double PortLayout::portOffset(int index, int count) {
    if (count <= 1)
        return 0;
    // Spread over the side, at most kPortSpacing apart, clear of the rounded corners.
    const double span = std::min(design::kNodeHeight - 16, kPortSpacing * (count - 1));
    return -span / 2 + span * index / (count - 1);
}

PortLayout PortLayout::at(const design::Design& design, const design::NodeId& node,
                          const std::vector<design::LinkId>& links) {
    auto heightOf = [&design](const design::NodeId& id) {
        const design::Node* n = design.node(id);
        return n ? std::pair(n->y, n->x) : std::pair(0.0, 0.0);
    };
    std::vector<design::LinkId> out, in;
    for (const auto& id : links)
        (id.from == node ? out : in).push_back(id);
    std::ranges::sort(out, {}, [&](const design::LinkId& id) { return heightOf(id.to); });
    std::ranges::sort(in, {}, [&](const design::LinkId& id) { return heightOf(id.from); });
    PortLayout layout;
    for (std::size_t i = 0; i < out.size(); ++i)
        layout.outgoing.emplace_back(out[i], portOffset(int(i), int(out.size())));
    for (std::size_t i = 0; i < in.size(); ++i)
        layout.incoming.emplace_back(in[i], portOffset(int(i), int(in.size())));
    return layout;
}

} // namespace sb::render
