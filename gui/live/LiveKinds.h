#pragma once

#include "design/ComponentDescriptor.h"

#include <QString>
#include <string_view>

namespace sb::gui {

/// What the live views know of a node's kind: its descriptor's roles and traits (a run is
/// built from the built-in registry). The views never compare kind names.
const design::ComponentDescriptor* liveKind(std::string_view kind);
/// Has utilisation, a queue and a time in node (not clients, not a monitor).
bool isMeasured(std::string_view kind);
bool isTrafficSource(std::string_view kind);
bool hasRole(std::string_view kind, std::string_view role);
/// The kind's display name ("Load balancer"), else the kind itself.
QString kindName(std::string_view kind);

} // namespace sb::gui
