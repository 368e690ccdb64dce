#include "interchange/DrawioExport.h"

#include "design/Geometry.h"
#include "design/MarkupText.h"

#include <sstream>

namespace sb::interchange {

namespace {

/// The palette group's colour, as the canvas paints its strip.
std::string categoryColour(const std::string& category) {
    if (category == "Edge")
        return "#dae8fc;strokeColor=#6c8ebf";
    if (category == "Compute")
        return "#d5e8d4;strokeColor=#82b366";
    if (category == "Data")
        return "#fff2cc;strokeColor=#d6b656";
    if (category == "Async")
        return "#e1d5e7;strokeColor=#9673a6";
    return "#f5f5f5;strokeColor=#666666";
}

std::string style(const design::ComponentDescriptor* d) {
    std::string shape = "rounded=1;arcSize=14;";
    switch (d ? d->shape : design::DiagramShape::Service) {
    case design::DiagramShape::Storage:
        shape = "shape=cylinder3;boundedLbl=1;size=8;";
        break;
    case design::DiagramShape::Actor:
        shape = "shape=mxgraph.basic.rect;rounded=1;arcSize=50;";
        break;
    case design::DiagramShape::Queue:
        shape = "shape=process;";
        break;
    case design::DiagramShape::Service:
    case design::DiagramShape::Network:
    case design::DiagramShape::Router:
        break;
    }
    return shape + "whiteSpace=wrap;html=1;fillColor=" + categoryColour(d ? d->category : "") + ";";
}

void geometry(std::ostringstream& out, const design::Box& b) {
    out << "<mxGeometry x=\"" << b.x << "\" y=\"" << b.y << "\" width=\"" << b.width
        << "\" height=\"" << b.height << "\" as=\"geometry\"/>";
}

} // namespace

std::string toDrawio(const design::Design& design, const design::DescriptorCatalog& catalog) {
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<mxfile host=\"Scaleboard\">\n"
        << "  <diagram id=\"scaleboard\" name=\""
        << design::markupEscaped(design.name.empty() ? "Design" : design.name) << "\">\n"
        << "    <mxGraphModel grid=\"1\" gridSize=\"20\" guides=\"1\" arrows=\"1\" "
           "connect=\"1\" page=\"0\">\n"
        << "      <root>\n"
        << "        <mxCell id=\"0\"/>\n"
        << "        <mxCell id=\"1\" parent=\"0\"/>\n";
    for (const auto& dc : design.datacentres) {
        const std::string title =
            dc.shownName() + (dc.region.empty() ? "" : " (" + dc.region + ")");
        out << "        <mxCell id=\"dc:" << design::markupEscaped(dc.id.value) << "\" value=\""
            << design::markupEscaped(title)
            << "\" style=\"swimlane;rounded=1;startSize=28;dashed=1;fillColor=none;"
               "horizontal=1;html=1;\" vertex=\"1\" parent=\"1\">";
        geometry(out, design::dataCentreBox(design, dc));
        out << "</mxCell>\n";
    }
    for (const auto& n : design.nodes) {
        const design::ComponentDescriptor* d = catalog.find(n.kind);
        const std::string kindName = d ? d->displayName : n.kind;
        const design::DataCentre* dc =
            n.dc.empty() ? nullptr : design.dataCentre(design::DataCentreId{n.dc});
        design::Box b = design::nodeBox(n);
        if (dc) { // children are placed relative to their container
            const design::Box area = design::dataCentreBox(design, *dc);
            b.x -= area.x;
            b.y -= area.y;
        }
        const std::string label = n.label.empty() ? n.id.value : n.label;
        out << "        <mxCell id=\"n:" << design::markupEscaped(n.id.value) << "\" value=\""
            << design::markupEscaped("<b>" + design::markupEscaped(label) + "</b><br>" +
                                     design::markupEscaped(kindName))
            << "\" style=\"" << design::markupEscaped(style(d)) << "\" vertex=\"1\" parent=\""
            << (dc ? "dc:" + design::markupEscaped(dc->id.value) : "1") << "\">";
        geometry(out, b);
        out << "</mxCell>\n";
    }
    int index = 0;
    for (const auto& l : design.links) {
        std::string caption;
        if (l.props.contains("latency_ms") && l.props["latency_ms"].is_number()) {
            std::ostringstream ms;
            ms << l.props["latency_ms"].get<double>() << " ms";
            caption = ms.str();
        }
        out << "        <mxCell id=\"l" << ++index << "\" value=\""
            << design::markupEscaped(caption)
            << "\" style=\"endArrow=classic;html=1;rounded=0;\" edge=\"1\" parent=\"1\" "
               "source=\"n:"
            << design::markupEscaped(l.from.value)
            << "\" target=\"n:" << design::markupEscaped(l.to.value)
            << "\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>\n";
    }
    out << "      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n";
    return out.str();
}

} // namespace sb::interchange
