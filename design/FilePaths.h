#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

#include <string>

namespace sb::design {

/// Makes the relative values of file-path properties (PropertySpec::filePath) absolute,
/// relative to `folder` (the folder of the design file they were read from).
void resolveFilePaths(Design& design, const DescriptorCatalog& catalog, const std::string& folder);

} // namespace sb::design
