#include "design/ComponentDescriptor.h"

#include <algorithm>

namespace sb::design {

const PropertySpec* ComponentDescriptor::property(std::string_view name) const {
    for (const auto& p : properties)
        if (p.name == name)
            return &p;
    return nullptr;
}

bool ComponentDescriptor::mayLinkTo(std::string_view downstreamKind) const {
    return std::find(linksTo.begin(), linksTo.end(), downstreamKind) != linksTo.end();
}

} // namespace sb::design
