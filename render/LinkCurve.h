#pragma once

#include "design/Design.h"
#include "render/CanvasStyle.h"

#include <QPainterPath>
#include <QPolygonF>
#include <QString>

class QPainter;

namespace sb::render {

/// How the canvas is handling a link at the moment; pictures and exports paint the
/// default.
struct LinkState {
    bool selected = false;
    bool hovered = false;
};

/// A link drawn as a curve from the sender's output side to the receiver's input side,
/// with an arrowhead at the receiver and its latency as a caption at its middle, in
/// canvas coordinates.
struct LinkCurve {
    QPainterPath path;
    QPolygonF arrow;
    QPointF middle;
    QString caption;
    /// Failed validation: drawn dashed in the error colour.
    bool invalid = false;

    /// The curve between two nodes' cards, attached `startOffset` below the middle of the
    /// sender's output side and `endOffset` below that of the receiver's input side
    /// (PortLayout spreads a side's links); `link`, when given, brings its latency.
    static LinkCurve between(const design::Node& from, const design::Node& to,
                             const design::Link* link, double startOffset, double endOffset);

    /// Everything painted, the caption included.
    QRectF bounds() const;
    void paint(QPainter& painter, const CanvasStyle& style, double lod,
               const LinkState& state = {}) const;
};

} // namespace sb::render
