#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

#include <string>

namespace sb::interchange {

/// The design as a draw.io (diagrams.net) file: an mxGraphModel with a container vertex
/// per data centre, a vertex per node at its canvas position and an edge per link.
std::string toDrawio(const design::Design& design, const design::DescriptorCatalog& catalog);

} // namespace sb::interchange
