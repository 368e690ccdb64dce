#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

#include <string>

namespace sb::interchange {

/// The design as a Mermaid flowchart (left to right): one subgraph per data centre, a
/// shape per kind (cylinders for data stores), solid arrows for requests with their
/// latency, dotted arrows for replication streams.
std::string toMermaid(const design::Design& design, const design::DescriptorCatalog& catalog);

} // namespace sb::interchange
