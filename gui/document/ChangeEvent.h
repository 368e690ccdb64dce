#pragma once

#include "design/Ids.h"

namespace sb::gui {

/// What changed in a DesignDocument. Views re-read the named object from the document.
struct ChangeEvent {
    enum class Type {
        Reset, ///< the whole design was replaced
        NodeAdded,
        NodeRemoved,
        NodeChanged, ///< label, properties or data centre
        NodeMoved,
        LinkAdded,
        LinkRemoved,
        LinkChanged,
        DataCentreAdded,
        DataCentreRemoved,
        DataCentreChanged, ///< region, label, position or size
    };

    Type type = Type::Reset;
    design::NodeId node;
    design::LinkId link;
    design::DataCentreId dataCentre;
};

} // namespace sb::gui
