#pragma once

#include "design/Design.h"

namespace sb::design {

/// The canvas's geometry, the one source for the window, the exports and the reports:
/// nodes are cards of kNodeWidth x kNodeHeight centred on their (x, y); a data centre
/// covers its own rectangle grown to hold its nodes, with a margin around them and a
/// header strip above them for its name.
struct Box {
    double x = 0, y = 0, width = 0, height = 0;
    bool empty() const { return width <= 0 || height <= 0; }
    /// The smallest box holding both (an empty box adds nothing).
    Box united(const Box& other) const;
};

inline constexpr double kNodeWidth = 168;
inline constexpr double kNodeHeight = 56;
inline constexpr double kDataCentreMargin = 28; ///< between its nodes and its border
inline constexpr double kDataCentreHeader = 34; ///< the strip above its nodes for its name
/// The smallest a data centre is drawn or resized to.
inline constexpr double kDataCentreMinWidth = 220;
inline constexpr double kDataCentreMinHeight = 140;
/// The size of a data centre with no size of its own and no nodes.
inline constexpr double kDataCentreWidth = 360;
inline constexpr double kDataCentreHeight = 240;

Box nodeBox(const Node& node);
/// The nodes' boxes with a data centre's margin and header around them (empty for none).
Box aroundNodes(const std::vector<const Node*>& nodes);
/// The area a data centre covers: its own rectangle grown to hold its nodes.
Box dataCentreBox(const Design& design, const DataCentre& dc);

} // namespace sb::design
