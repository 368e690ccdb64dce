#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "render/CanvasStyle.h"
#include "render/NodeDecoration.h"

#include <QRectF>
#include <QString>
#include <string>

class QPainter;

namespace sb::render {

/// How the canvas is handling a card at the moment (selection, the pointer, a link being
/// drawn); pictures and exports paint the default.
struct CardState {
    /// How the node answers a link being dragged over it.
    enum class LinkTarget { None, Accepts, Refuses };
    bool selected = false;
    bool hovered = false;
    bool portHovered = false;
    LinkTarget linkTarget = LinkTarget::None;
};

/// A node's card: its icon, label and kind, a strip in its category's colour, its output
/// port on the right, a validation badge and what a run paints on it. Drawn in the card's
/// own coordinates, centred on (0, 0), design::kNodeWidth x design::kNodeHeight.
struct NodeCard {
    enum class Badge { None, Warning, Error };

    QString label;
    QString kindName;
    std::string iconName;
    std::string category;
    Badge badge = Badge::None;
    NodeDecoration decoration;

    /// The card of `node` as its kind's descriptor describes it (a kind the catalog does
    /// not know is named as unknown and drawn with the generic icon).
    static NodeCard of(const design::Node& node, const design::DescriptorCatalog& catalog);

    static QRectF cardRect();
    /// The output port, where links leave (the canvas drags new links from it).
    static QRectF portRect();
    static QRectF badgeRect();
    /// Everything painted, the caption included when there is one.
    QRectF bounds() const;

    void paint(QPainter& painter, const CanvasStyle& style, double lod,
               const CardState& state = {}) const;
};

} // namespace sb::render
