#pragma once

#include "design/Design.h"

namespace sb::interchange {

/// Canvas geometry shared by the exporters, matching the designer's canvas: nodes are
/// kNodeWidth x kNodeHeight cards centred on their (x, y); a data centre covers its own
/// rectangle grown to hold its nodes.
struct Box {
    double x = 0, y = 0, width = 0, height = 0;
};

inline constexpr double kNodeWidth = 168;
inline constexpr double kNodeHeight = 56;

Box nodeBox(const design::Node& node);
Box dataCentreBox(const design::Design& design, const design::DataCentre& dc);

} // namespace sb::interchange
