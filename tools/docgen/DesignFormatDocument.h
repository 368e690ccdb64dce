#pragma once

#include "design/ComponentDescriptor.h"

#include <string>
#include <string_view>

namespace sb::docgen {

/// The design-format reference: `templateText` with its placeholders filled in from the
/// catalog and the design library (@KIND_INDEX@, @KINDS@, @LINK_PROPERTIES@,
/// @DATA_CENTRE_PROPERTIES@, @FAULT_ACTIONS@).
std::string designFormatDocument(std::string_view templateText,
                                 const design::DescriptorCatalog& catalog);

/// What a fault action does, in one sentence; empty for an action without a description.
std::string faultActionDescription(std::string_view action);

} // namespace sb::docgen
