#pragma once

#include "design/PropertySpec.h"

#include <vector>

namespace sb::design {

/// The properties every link has (latency_ms, jitter_ms, loss).
const std::vector<PropertySpec>& linkProperties();
const PropertySpec* linkProperty(std::string_view name);

/// The properties every data-centre container has.
const std::vector<PropertySpec>& dataCentreProperties();

} // namespace sb::design
