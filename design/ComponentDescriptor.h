#pragma once

#include "design/PropertySpec.h"

#include <string>
#include <string_view>
#include <vector>

namespace sb::design {

/// How exports draw a kind (Mermaid, draw.io).
enum class DiagramShape { Service, Actor, Storage, Network, Queue, Router };

/// What the palette, the inspector, validation, the file formats, the live views and the
/// review know of a kind. Everything outside the kind's own folder reads its roles and
/// traits, never its name.
struct ComponentDescriptor {
    std::string kind;        ///< snake_case name used in files, such as load_balancer
    std::string displayName; ///< "Load balancer"
    std::string iconName;    ///< resource name of the SVG icon
    std::string category;    ///< palette group: Edge, Compute, Data, Async, Ops
    std::string summary;     ///< one sentence shown as palette tooltip
    std::vector<PropertySpec> properties;
    /// Properties a link leaving a node of this kind may carry besides every link's own
    /// (latency_ms, jitter_ms, loss): a caller's per-link call_policy, a router's per-link
    /// route. Validation, the link inspector, the file format docs and the build read them
    /// from here (design/LinkProperties.h).
    std::vector<PropertySpec> outLinkProperties;
    /// What the kind is (design/Roles.h names the known roles; views of strings that live
    /// as long as the program, as descriptors do).
    std::vector<std::string_view> roles;
    /// The roles this kind may send to, downstream.
    std::vector<std::string_view> linksTo;
    /// Roles that may send to this kind although their own linksTo does not name it: a new
    /// kind declares who may call it without editing its callers.
    std::vector<std::string_view> acceptsFrom;

    /// Traits.
    bool measured = true;      ///< has utilisation, a queue and a time in node
    bool chaosEligible = true; ///< chaos mode may fail it
    bool needsTraffic = true;  ///< validation warns when no traffic reaches it
    bool promotable = false;   ///< may be promoted to the writer by hand (a manual failover)
    /// Run redundantly by its provider (a managed DNS, a CDN): never a single point of
    /// failure by itself.
    bool managed = false;
    /// Serves while any one of the nodes it sends to does (it forwards rather than answers):
    /// the single-point analysis follows its links.
    bool forwards = false;
    DiagramShape shape = DiagramShape::Service;

    const PropertySpec* property(std::string_view name) const;
    bool hasRole(std::string_view role) const;
    bool trafficSource() const;
};

/// Whether a node of kind `from` may send to one of kind `to`: `from` names one of `to`'s
/// roles, or `to` accepts one of `from`'s.
bool mayLink(const ComponentDescriptor& from, const ComponentDescriptor& to);
/// Whether a link between these kinds carries replication (a writer to its replica or to a
/// peer writer) rather than requests.
bool isReplicationLink(const ComponentDescriptor& from, const ComponentDescriptor& to);

/// The set of known kinds, looked up by name. Implemented by the component registry.
class DescriptorCatalog {
public:
    virtual ~DescriptorCatalog() = default;
    virtual const ComponentDescriptor* find(std::string_view kind) const = 0;
    virtual std::vector<const ComponentDescriptor*> all() const = 0;

    /// Whether a kind has a role; false for an unknown kind.
    bool hasRole(std::string_view kind, std::string_view role) const;
    /// The kinds `from` may send to, in catalog order.
    std::vector<std::string> downstreamKinds(const ComponentDescriptor& from) const;
};

} // namespace sb::design
