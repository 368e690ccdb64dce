#pragma once

#include "design/Design.h"
#include "design/Geometry.h"

#include <QPoint>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <map>
#include <memory>
#include <string>

namespace sb::gui {

class DataCentreItem;
class DesignScene;
class NodeItem;

/// One mouse gesture on the canvas, from the press to the release, turned into undo
/// commands as it goes: drawing a link from a node's handle, dragging nodes (into or out of
/// data centres), moving a data centre by its header, resizing one by its grip. The scene
/// starts the gesture a press begins and hands it the moves and the release.
class CanvasGesture {
public:
    virtual ~CanvasGesture() = default;
    /// The pointer moved, past the drag threshold.
    virtual void move(QPointF scenePoint) = 0;
    /// The button was released; true when the release is the gesture's (the scene does not
    /// pass it on).
    virtual bool finish(QPointF scenePoint, QPoint screenPoint) = 0;

    /// Drag from `source`'s handle to another node: a rubber link, the target lit up as
    /// accepting or refusing, a link (or the refusal said) on release.
    static std::unique_ptr<CanvasGesture> link(DesignScene& scene, NodeItem& source, QPointF press);
    /// Drag the selected nodes, the pressed one snapped to the grid and the rest kept in
    /// place around it; on release each lands in the data centre under it.
    static std::unique_ptr<CanvasGesture> nodes(DesignScene& scene, const design::NodeId& pressed,
                                                QPointF press, int gesture);
    /// Drag a data centre by its header, its nodes with it.
    static std::unique_ptr<CanvasGesture>
    moveDataCentre(DesignScene& scene, const design::DataCentreId& id, QPointF press, int gesture);
    /// Drag a data centre's grip to resize it.
    static std::unique_ptr<CanvasGesture>
    resizeDataCentre(DesignScene& scene, const DataCentreItem& item, QPointF press, int gesture);
};

/// The smallest a data centre is drawn or resized to.
inline constexpr QSizeF kMinimumDataCentre(design::kDataCentreMinWidth,
                                           design::kDataCentreMinHeight);

/// The id of the smallest of `areas` holding `point`, or an empty string.
std::string smallestAreaAt(const std::map<std::string, QRectF>& areas, QPointF point);

} // namespace sb::gui
