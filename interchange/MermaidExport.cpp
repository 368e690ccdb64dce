#include "interchange/MermaidExport.h"

#include "design/MarkupText.h"
#include "design/PropertySpec.h"

#include <cctype>
#include <map>
#include <set>
#include <sstream>

namespace sb::interchange {

namespace {

/// Mermaid ids are letters, digits and underscores; others become '_' (kept unique).
class MermaidIds {
public:
    const std::string& of(const std::string& id) {
        if (auto it = m_ids.find(id); it != m_ids.end())
            return it->second;
        std::string out;
        for (char c : id)
            out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
        if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front())))
            out = "n_" + out;
        std::string unique = out;
        for (int i = 2; m_used.count(unique); ++i)
            unique = out + "_" + std::to_string(i);
        m_used.insert(unique);
        return m_ids[id] = unique;
    }

private:
    std::map<std::string, std::string> m_ids;
    std::set<std::string> m_used;
};

/// A quoted Mermaid label: Mermaid renders labels as HTML, so markup characters become
/// its entity codes; line breaks become <br/>, other control characters spaces.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : design::withoutControlCharacters(text, true)) {
        switch (c) {
        case '"':
            out += "#quot;";
            break;
        case '<':
            out += "#lt;";
            break;
        case '>':
            out += "#gt;";
            break;
        case '&':
            out += "#amp;";
            break;
        case '\n':
            out += "<br/>";
            break;
        default:
            out += c;
        }
    }
    return out + "\"";
}

std::string shape(const design::ComponentDescriptor* d, const std::string& text) {
    const std::string q = quoted(text);
    switch (d ? d->shape : design::DiagramShape::Service) {
    case design::DiagramShape::Actor:
        return "([" + q + "])";
    case design::DiagramShape::Storage:
        return "[(" + q + ")]";
    case design::DiagramShape::Network:
        return "{{" + q + "}}";
    case design::DiagramShape::Queue:
        return ">" + q + "]";
    case design::DiagramShape::Router:
        return "[[" + q + "]]";
    case design::DiagramShape::Service:
        break;
    }
    return "[" + q + "]";
}

} // namespace

std::string toMermaid(const design::Design& design, const design::DescriptorCatalog& catalog) {
    MermaidIds ids;
    std::ostringstream out;
    out << "flowchart LR\n";
    if (!design.name.empty())
        out << "  %% " << design::withoutControlCharacters(design.name) << "\n";
    auto writeNode = [&](const design::Node& n, const char* indent) {
        const design::ComponentDescriptor* d = catalog.find(n.kind);
        const std::string kindName = d ? d->displayName : n.kind;
        const std::string& label = n.shownName();
        out << indent << ids.of(n.id.value) << shape(d, label + "\n" + kindName) << "\n";
    };
    for (const auto& dc : design.datacentres) {
        const std::string title =
            dc.shownName() + (dc.region.empty() ? "" : " (" + dc.region + ")");
        out << "  subgraph " << ids.of("dc:" + dc.id.value) << "[" << quoted(title) << "]\n";
        for (const auto& n : design.nodes)
            if (n.dc == dc.id.value)
                writeNode(n, "    ");
        out << "  end\n";
    }
    for (const auto& n : design.nodes)
        if (n.dc.empty() || !design.dataCentre(design::DataCentreId{n.dc}))
            writeNode(n, "  ");
    for (const auto& l : design.links) {
        const design::Node* from = design.node(l.from);
        const design::Node* to = design.node(l.to);
        const design::ComponentDescriptor* fromKind = from ? catalog.find(from->kind) : nullptr;
        const design::ComponentDescriptor* toKind = to ? catalog.find(to->kind) : nullptr;
        const bool replication =
            fromKind && toKind && design::isReplicationLink(*fromKind, *toKind);
        out << "  " << ids.of(l.from.value) << (replication ? " -.->" : " -->");
        if (l.props.contains("latency_ms") && l.props["latency_ms"].is_number())
            out << "|" << quoted(design::formatNumber(l.props["latency_ms"].get<double>()) + " ms")
                << "|";
        out << " " << ids.of(l.to.value) << "\n";
    }
    return out.str();
}

} // namespace sb::interchange
