#pragma once

#include "design/Design.h"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace sb::design {

/// A design's links as adjacency lists over node positions (indices into Design::nodes),
/// built once in linear time: finding a node by id and its neighbours is then constant
/// time, where Design::node() and linksFrom() search the whole design. Links to nodes that
/// do not exist are left out; of two nodes with one id, the first counts. The design must
/// outlive the graph and not change while it is used.
class DesignGraph {
public:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    explicit DesignGraph(const Design& design);

    std::size_t size() const { return m_design.nodes.size(); }
    const Node& node(std::size_t index) const { return m_design.nodes[index]; }
    /// The position of the node with this id, or kNone.
    std::size_t indexOf(const std::string& id) const;
    /// The node with this id, or null.
    const Node* find(const std::string& id) const;
    /// Where a node's links go, in the order the links are drawn.
    const std::vector<std::size_t>& downstream(std::size_t index) const { return m_down[index]; }
    std::vector<const Node*> downstreamNodes(const Node& node) const;

private:
    const Design& m_design;
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<std::vector<std::size_t>> m_down;
};

} // namespace sb::design
