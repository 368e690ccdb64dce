#include "design/Geometry.h"

#include <algorithm>

namespace sb::design {

Box Box::united(const Box& other) const {
    if (other.empty())
        return *this;
    if (empty())
        return other;
    const double left = std::min(x, other.x), top = std::min(y, other.y);
    const double right = std::max(x + width, other.x + other.width);
    const double bottom = std::max(y + height, other.y + other.height);
    return {left, top, right - left, bottom - top};
}

Box nodeBox(const Node& node) {
    return {node.x - kNodeWidth / 2, node.y - kNodeHeight / 2, kNodeWidth, kNodeHeight};
}

Box aroundNodes(const std::vector<const Node*>& nodes) {
    Box members;
    for (const Node* n : nodes)
        members = members.united(nodeBox(*n));
    if (members.empty())
        return members;
    return {members.x - kDataCentreMargin, members.y - kDataCentreMargin - kDataCentreHeader,
            members.width + 2 * kDataCentreMargin,
            members.height + 2 * kDataCentreMargin + kDataCentreHeader};
}

Box dataCentreBox(const Design& design, const DataCentre& dc) {
    std::vector<const Node*> members;
    for (const auto& n : design.nodes)
        if (n.dc == dc.id.value)
            members.push_back(&n);
    const Box own{dc.x, dc.y, dc.width, dc.height};
    const Box area = own.united(aroundNodes(members));
    return area.empty() ? Box{dc.x, dc.y, kDataCentreWidth, kDataCentreHeight} : area;
}

} // namespace sb::design
