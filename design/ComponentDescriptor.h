#pragma once

#include "design/PropertySpec.h"

#include <string>
#include <vector>

namespace sb::design {

/// What the palette, the inspector, validation and the file formats know of a kind.
struct ComponentDescriptor {
    std::string kind;        ///< snake_case name used in files ("load_balancer")
    std::string displayName; ///< "Load balancer"
    std::string iconName;    ///< resource name of the SVG icon
    std::string category;    ///< palette group: Edge, Compute, Data, Async, Ops
    std::string summary;     ///< one sentence shown as palette tooltip
    std::vector<PropertySpec> properties;
    std::vector<std::string> linksTo; ///< downstream kinds this kind may link to
    bool trafficSource = false;       ///< clients: where requests enter

    const PropertySpec* property(std::string_view name) const;
    bool mayLinkTo(std::string_view downstreamKind) const;
};

/// The set of known kinds, looked up by name. Implemented by the component registry.
class DescriptorCatalog {
public:
    virtual ~DescriptorCatalog() = default;
    virtual const ComponentDescriptor* find(std::string_view kind) const = 0;
    virtual std::vector<const ComponentDescriptor*> all() const = 0;
};

} // namespace sb::design
