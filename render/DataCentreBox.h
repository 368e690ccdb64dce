#pragma once

#include "design/Design.h"
#include "render/CanvasStyle.h"

#include <QRectF>
#include <QString>

class QPainter;

namespace sb::render {

/// How the canvas is handling a data centre at the moment; pictures and exports paint the
/// default.
struct DataCentreState {
    bool selected = false;
    bool dropTarget = false; ///< a node is being dragged over it
};

/// A data-centre container: a dashed rounded region around its nodes with its name and
/// region in a header strip and a resize grip in its lower-right corner, in canvas
/// coordinates.
struct DataCentreBox {
    QRectF area; ///< design::dataCentreBox: its own rectangle grown to hold its nodes
    QString title;
    QString region;

    static DataCentreBox of(const design::Design& design, const design::DataCentre& dc);

    QRectF headerRect() const;
    QRectF gripRect() const;
    /// Everything painted.
    QRectF bounds() const { return area.adjusted(-3, -3, 3, 3); }
    void paint(QPainter& painter, const CanvasStyle& style, double lod,
               const DataCentreState& state = {}) const;
};

} // namespace sb::render
