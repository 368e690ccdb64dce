#pragma once

#include "design/ComponentDescriptor.h"
#include "design/PropertySpec.h"

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace sb::design {

/// The properties every link has (latency_ms, jitter_ms, loss).
const std::vector<PropertySpec>& linkProperties();
const PropertySpec* linkProperty(std::string_view name);

/// The properties a link leaving a node of kind `sender` may carry: every link's, then the
/// ones the sender declares (ComponentDescriptor::outLinkProperties). No sender (an unknown
/// kind, or links of several kinds at once): every link's only.
std::vector<PropertySpec> linkPropertiesFrom(const ComponentDescriptor* sender);
/// One of them by name, or nullptr.
const PropertySpec* linkProperty(std::string_view name, const ComponentDescriptor* sender);

/// For a group both a node and the links leaving it may set (a caller's call_policy): what
/// the calls over the link follow, as props holding that group alone: the node's fields
/// with the ones the link sets replacing them.
nlohmann::json overriddenGroup(const nlohmann::json& nodeProps, const nlohmann::json& linkProps,
                               std::string_view group);

/// The properties every data-centre container has.
const std::vector<PropertySpec>& dataCentreProperties();

} // namespace sb::design
