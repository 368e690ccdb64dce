#include "design/ComponentDescriptor.h"

#include "design/Roles.h"

#include <algorithm>

namespace sb::design {

const PropertySpec* ComponentDescriptor::property(std::string_view name) const {
    for (const auto& p : properties)
        if (p.name == name)
            return &p;
    return nullptr;
}

bool ComponentDescriptor::hasRole(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool ComponentDescriptor::trafficSource() const {
    return hasRole(roles::kTrafficSource);
}

bool mayLink(const ComponentDescriptor& from, const ComponentDescriptor& to) {
    for (const auto& role : from.linksTo)
        if (to.hasRole(role))
            return true;
    for (const auto& role : to.acceptsFrom)
        if (from.hasRole(role))
            return true;
    return false;
}

bool isReplicationLink(const ComponentDescriptor& from, const ComponentDescriptor& to) {
    return from.hasRole(roles::kWriter) &&
           (to.hasRole(roles::kReplica) || to.hasRole(roles::kWriter));
}

bool DescriptorCatalog::hasRole(std::string_view kind, std::string_view role) const {
    const ComponentDescriptor* d = find(kind);
    return d && d->hasRole(role);
}

std::vector<std::string> DescriptorCatalog::downstreamKinds(const ComponentDescriptor& from) const {
    std::vector<std::string> kinds;
    for (const ComponentDescriptor* to : all())
        if (mayLink(from, *to))
            kinds.push_back(to->kind);
    return kinds;
}

} // namespace sb::design
