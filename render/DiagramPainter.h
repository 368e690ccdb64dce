#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "render/CanvasStyle.h"
#include "render/DataCentreBox.h"
#include "render/LinkCurve.h"
#include "render/NodeCard.h"

#include <QPointF>
#include <QRectF>
#include <utility>
#include <vector>

class QPainter;

namespace sb::render {

/// A whole design painted the way the canvas shows it, with nothing selected: its data
/// centres, then its links, then its node cards with their validation badges, in design
/// order, in one style. Everything is laid out once, when made.
class DiagramPainter {
public:
    DiagramPainter(const design::Design& design, const design::DescriptorCatalog& catalog,
                   const CanvasStyle& style);

    const CanvasStyle& style() const { return m_style; }
    /// Everything painted, in canvas coordinates (empty for an empty design).
    QRectF bounds() const;
    /// Paints in canvas coordinates through the painter's transform; cards, links and
    /// containers take their level of detail (semantic zoom) from it.
    void paint(QPainter& painter) const;

    const std::vector<DataCentreBox>& dataCentres() const { return m_dataCentres; }
    const std::vector<LinkCurve>& links() const { return m_links; }
    /// Each card with its centre.
    const std::vector<std::pair<QPointF, NodeCard>>& nodes() const { return m_nodes; }

private:
    CanvasStyle m_style;
    std::vector<DataCentreBox> m_dataCentres;
    std::vector<LinkCurve> m_links;
    std::vector<std::pair<QPointF, NodeCard>> m_nodes;
};

} // namespace sb::render
