#include "interchange/DiagramLayout.h"

#include <algorithm>

namespace sb::interchange {

namespace {
constexpr double kMargin = 24;
constexpr double kHeader = 28;
} // namespace

Box nodeBox(const design::Node& node) {
    return {node.x - kNodeWidth / 2, node.y - kNodeHeight / 2, kNodeWidth, kNodeHeight};
}

Box dataCentreBox(const design::Design& design, const design::DataCentre& dc) {
    double left = 0, top = 0, right = 0, bottom = 0;
    bool any = false;
    auto grow = [&](double l, double t, double r, double b) {
        left = any ? std::min(left, l) : l;
        top = any ? std::min(top, t) : t;
        right = any ? std::max(right, r) : r;
        bottom = any ? std::max(bottom, b) : b;
        any = true;
    };
    if (dc.width > 0 && dc.height > 0)
        grow(dc.x, dc.y, dc.x + dc.width, dc.y + dc.height);
    for (const auto& n : design.nodes) {
        if (n.dc != dc.id.value)
            continue;
        const Box b = nodeBox(n);
        grow(b.x - kMargin, b.y - kMargin - kHeader, b.x + b.width + kMargin,
             b.y + b.height + kMargin);
    }
    if (!any)
        return {dc.x, dc.y, 360, 240};
    return {left, top, right - left, bottom - top};
}

} // namespace sb::interchange
