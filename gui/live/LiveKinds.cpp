#include "gui/live/LiveKinds.h"

#include "components/registry/ComponentRegistry.h"

namespace sb::gui {

const design::ComponentDescriptor* liveKind(std::string_view kind) {
    return comp::ComponentRegistry::builtin().find(kind);
}

bool isMeasured(std::string_view kind) {
    const design::ComponentDescriptor* d = liveKind(kind);
    return d && d->measured;
}

bool isTrafficSource(std::string_view kind) {
    const design::ComponentDescriptor* d = liveKind(kind);
    return d && d->trafficSource();
}

bool hasRole(std::string_view kind, std::string_view role) {
    const design::ComponentDescriptor* d = liveKind(kind);
    return d && d->hasRole(role);
}

QString kindName(std::string_view kind) {
    const design::ComponentDescriptor* d = liveKind(kind);
    return QString::fromStdString(d ? d->displayName : std::string(kind));
}

} // namespace sb::gui
