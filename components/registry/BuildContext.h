#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "design/PropertyValues.h"
#include "emulator/Simulation.h"

#include <string>

namespace sb::comp {

class RegionMatrix;

/// What a behaviour factory gets: the design node, its effective properties, the
/// simulation to add itself to, and the design around it with the catalog of kinds (to know
/// the nodes it links to by their roles).
class BuildContext {
public:
    BuildContext(emu::Simulation& sim, const design::Design& design, const design::Node& node,
                 const design::ComponentDescriptor& descriptor, const RegionMatrix& regions,
                 const design::DescriptorCatalog& catalog)
        : sim(sim)
        , design(design)
        , node(node)
        , descriptor(descriptor)
        , props(descriptor, node.props)
        , regions(regions)
        , catalog(catalog) {}

    emu::Simulation& sim;
    const design::Design& design;
    const design::Node& node;
    const design::ComponentDescriptor& descriptor;
    design::PropertyValues props;
    const RegionMatrix& regions;
    const design::DescriptorCatalog& catalog;

    /// The region of the node's data centre, or "" when it is in none.
    std::string region() const;
};

} // namespace sb::comp
