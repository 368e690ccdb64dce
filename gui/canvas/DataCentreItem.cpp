#include "gui/canvas/DataCentreItem.h"

#include "design/Geometry.h"
#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QCursor>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>

namespace sb::gui {

namespace {

constexpr double kBorderBand = 6;

} // namespace

DataCentreItem::DataCentreItem(const DesignDocument& document, design::DataCentreId id)
    : m_document(document)
    , m_id(std::move(id)) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(-10);
    sync();
}

void DataCentreItem::sync() {
    const design::DataCentre* dc = m_document.design().dataCentre(m_id);
    if (!dc)
        return;
    prepareGeometryChange();
    m_box = render::DataCentreBox::of(m_document.design(), *dc);
    setToolTip(QObject::tr("Data centre %1 in %2\nDrag the header to move it with its nodes; "
                           "drop nodes inside to put them in it")
                   .arg(m_box.title, m_box.region));
    update();
}

void DataCentreItem::setDropTarget(bool on) {
    if (on == m_dropTarget)
        return;
    m_dropTarget = on;
    update();
}

QRectF DataCentreItem::headerSceneRect() const {
    return m_box.headerRect();
}

QRectF DataCentreItem::gripSceneRect() const {
    return m_box.gripRect();
}

QRectF DataCentreItem::boundingRect() const {
    return m_box.bounds();
}

QPainterPath DataCentreItem::shape() const {
    QPainterPath outer;
    outer.addRect(m_box.area);
    QPainterPath inner;
    inner.addRect(
        m_box.area.adjusted(kBorderBand, design::kDataCentreHeader, -kBorderBand, -kBorderBand));
    QPainterPath band = outer.subtracted(inner);
    band.addRect(gripSceneRect());
    return band;
}

void DataCentreItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const auto* designScene = qobject_cast<const DesignScene*>(scene());
    const render::CanvasStyle style =
        designScene ? designScene->canvasStyle() : render::CanvasStyle::fromPalette(QPalette());
    m_box.paint(*painter, style, render::levelOfDetail(painter->worldTransform()),
                {isSelected(), m_dropTarget});
}

void DataCentreItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    if (gripSceneRect().contains(event->scenePos()))
        setCursor(Qt::SizeFDiagCursor);
    else if (headerSceneRect().contains(event->scenePos()))
        setCursor(Qt::OpenHandCursor);
    else
        unsetCursor();
}

} // namespace sb::gui
