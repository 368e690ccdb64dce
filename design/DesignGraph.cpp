#include "design/DesignGraph.h"

namespace sb::design {

DesignGraph::DesignGraph(const Design& design)
    : m_design(design)
    , m_down(design.nodes.size()) {
    m_index.reserve(design.nodes.size());
    for (std::size_t i = 0; i < design.nodes.size(); ++i)
        m_index.emplace(design.nodes[i].id.value, i);
    for (const auto& l : design.links) {
        const std::size_t from = indexOf(l.from.value), to = indexOf(l.to.value);
        if (from == kNone || to == kNone)
            continue;
        m_down[from].push_back(to);
    }
}

std::size_t DesignGraph::indexOf(const std::string& id) const {
    auto it = m_index.find(id);
    return it == m_index.end() ? kNone : it->second;
}

const Node* DesignGraph::find(const std::string& id) const {
    const std::size_t i = indexOf(id);
    return i == kNone ? nullptr : &m_design.nodes[i];
}

std::vector<const Node*> DesignGraph::downstreamNodes(const Node& node) const {
    std::vector<const Node*> out;
    const std::size_t i = indexOf(node.id.value);
    if (i == kNone)
        return out;
    for (std::size_t next : m_down[i])
        out.push_back(&m_design.nodes[next]);
    return out;
}

} // namespace sb::design
