#pragma once

#include "design/ComponentDescriptor.h"

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace sb::emu {
class Node;
}

namespace sb::comp {

class BuildContext;

/// Creates a kind's behaviour (an emu::Node) for one design node.
using BehaviourFactory = std::function<emu::Node&(BuildContext&)>;

/// One component kind: what the user sees (descriptor) and what runs (behaviour).
struct ComponentKind {
    design::ComponentDescriptor descriptor;
    BehaviourFactory create;
};

/// Every component kind Scaleboard knows, by name. The palette, the inspector, validation,
/// the file formats and the emulation all learn the kinds from here.
class ComponentRegistry final : public design::DescriptorCatalog {
public:
    /// The built-in kinds (one line each in ComponentRegistry.cpp).
    static const ComponentRegistry& builtin();

    void add(ComponentKind kind);
    const ComponentKind* kind(std::string_view name) const;

    const design::ComponentDescriptor* find(std::string_view kind) const override;
    std::vector<const design::ComponentDescriptor*> all() const override;

private:
    std::vector<ComponentKind> m_kinds;
};

} // namespace sb::comp
