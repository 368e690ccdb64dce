#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "design/Problem.h"

namespace sb::design {

/// Every problem of a design against the catalog of kinds: unknown kinds, duplicate
/// ids, dangling or disallowed links, bad property values, faults naming unknown
/// targets, no traffic entry point.
Problems validate(const Design& design, const DescriptorCatalog& catalog);

/// The fault actions a schedule may use.
const std::vector<std::string>& faultActions();

} // namespace sb::design
