#include "render/DiagramPainter.h"

#include "design/Validation.h"
#include "render/PortLayout.h"
#include "render/ProblemMarks.h"

#include <QPainter>
#include <unordered_map>

namespace sb::render {

DiagramPainter::DiagramPainter(const design::Design& design,
                               const design::DescriptorCatalog& catalog, const CanvasStyle& style)
    : m_style(style) {
    const ProblemMarks marks = ProblemMarks::of(design::validate(design, catalog));

    for (const auto& dc : design.datacentres)
        m_dataCentres.push_back(DataCentreBox::of(design, dc));

    std::unordered_map<design::NodeId, std::vector<design::LinkId>> linksAtNode;
    for (const auto& l : design.links) {
        linksAtNode[l.id().from].push_back(l.id());
        linksAtNode[l.id().to].push_back(l.id());
    }
    std::unordered_map<design::LinkId, std::pair<double, double>> ports; // start, end
    for (const auto& [node, links] : linksAtNode) {
        const PortLayout layout = PortLayout::at(design, node, links);
        for (const auto& [id, offset] : layout.outgoing)
            ports[id].first = offset;
        for (const auto& [id, offset] : layout.incoming)
            ports[id].second = offset;
    }
    for (const auto& l : design.links) {
        const design::Node* from = design.node(l.id().from);
        const design::Node* to = design.node(l.id().to);
        if (!from || !to)
            continue;
        const auto& [start, end] = ports[l.id()];
        LinkCurve curve = LinkCurve::between(*from, *to, &l, start, end);
        curve.invalid = marks.links.contains(ProblemMarks::linkKey(l.id()));
        m_links.push_back(std::move(curve));
    }

    for (const auto& n : design.nodes) {
        NodeCard card = NodeCard::of(n, catalog);
        if (auto it = marks.nodes.find(n.id.value); it != marks.nodes.end())
            card.badge =
                it->second.errors.isEmpty() ? NodeCard::Badge::Warning : NodeCard::Badge::Error;
        m_nodes.emplace_back(QPointF(n.x, n.y), std::move(card));
    }
}

QRectF DiagramPainter::bounds() const {
    QRectF bounds;
    for (const auto& [centre, card] : m_nodes)
        bounds |= card.bounds().translated(centre);
    for (const auto& dc : m_dataCentres)
        bounds |= dc.bounds();
    return bounds;
}

void DiagramPainter::paint(QPainter& painter) const {
    const double lod = levelOfDetail(painter.worldTransform());
    for (const auto& dc : m_dataCentres) {
        painter.save();
        dc.paint(painter, m_style, lod);
        painter.restore();
    }
    for (const auto& link : m_links) {
        painter.save();
        link.paint(painter, m_style, lod);
        painter.restore();
    }
    for (const auto& [centre, card] : m_nodes) {
        painter.save();
        painter.translate(centre);
        card.paint(painter, m_style, lod);
        painter.restore();
    }
}

} // namespace sb::render
