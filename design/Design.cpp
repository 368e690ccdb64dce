#include "design/Design.h"

#include <algorithm>

namespace sb::design {

const Node* Design::node(const NodeId& id) const {
    auto it = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.id == id; });
    return it == nodes.end() ? nullptr : &*it;
}

Node* Design::node(const NodeId& id) {
    return const_cast<Node*>(std::as_const(*this).node(id));
}

const DataCentre* Design::dataCentre(const DataCentreId& id) const {
    auto it = std::find_if(datacentres.begin(), datacentres.end(),
                           [&](const DataCentre& dc) { return dc.id == id; });
    return it == datacentres.end() ? nullptr : &*it;
}

const Link* Design::link(const LinkId& id) const {
    auto it = std::find_if(links.begin(), links.end(), [&](const Link& l) { return l.id() == id; });
    return it == links.end() ? nullptr : &*it;
}

std::vector<const Link*> Design::linksFrom(const NodeId& id) const {
    std::vector<const Link*> out;
    for (const auto& l : links)
        if (l.from == id)
            out.push_back(&l);
    return out;
}

std::vector<const Link*> Design::linksTo(const NodeId& id) const {
    std::vector<const Link*> out;
    for (const auto& l : links)
        if (l.to == id)
            out.push_back(&l);
    return out;
}

} // namespace sb::design
