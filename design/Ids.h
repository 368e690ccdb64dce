#pragma once

#include <compare>
#include <functional>
#include <string>

namespace sb::design {

/// Stable identifier of a node, as written in design files ("web1").
struct NodeId {
    std::string value;
    auto operator<=>(const NodeId&) const = default;
};

/// Stable identifier of a data centre container.
struct DataCentreId {
    std::string value;
    auto operator<=>(const DataCentreId&) const = default;
};

/// A link is identified by its two ends; at most one link joins an ordered pair.
struct LinkId {
    NodeId from;
    NodeId to;
    auto operator<=>(const LinkId&) const = default;
};

} // namespace sb::design

template <> struct std::hash<sb::design::NodeId> {
    size_t operator()(const sb::design::NodeId& id) const noexcept {
        return std::hash<std::string>{}(id.value);
    }
};

template <> struct std::hash<sb::design::LinkId> {
    size_t operator()(const sb::design::LinkId& id) const noexcept {
        return std::hash<std::string>{}(id.from.value) * 31 + std::hash<std::string>{}(id.to.value);
    }
};
