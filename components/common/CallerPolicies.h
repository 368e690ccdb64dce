#pragma once

#include "components/common/PolicyCaller.h"
#include "design/Design.h"
#include "design/PropertyValues.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sb::comp {

/// A caller node's call policies as its design sets them: its own `call_policy` and the
/// ones its outgoing links carry (ComponentDescriptor::outLinkProperties), read when the
/// node is built and handed to its PolicyCaller once the links exist.
class CallerPolicies {
public:
    /// `props`: the node's effective properties (BuildContext::props).
    CallerPolicies(const design::Design& design, const design::Node& node,
                   const design::PropertyValues& props);

    const CallPolicySpec& node() const { return m_node; }
    /// Whether the node's policy or any link's is active; without one a caller makes no
    /// PolicyCaller and sends its calls as it always did.
    bool active() const;
    /// A PolicyCaller under the node's policy, or null when no policy is active.
    std::unique_ptr<PolicyCaller> makeCaller(emu::Simulation& sim, CallHost& host,
                                             emu::RandomStream rng) const;
    /// Gives `caller` the links' own policies; call from start(), when every link exists.
    void applyToLinks(emu::Simulation& sim, const emu::Node& self, PolicyCaller& caller) const;

private:
    CallPolicySpec m_node;
    std::vector<std::pair<std::string, CallPolicySpec>> m_links; ///< by the far end's id
};

} // namespace sb::comp
