#include "gui/canvas/LinkItem.h"

#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QPainter>
#include <QPainterPathStroker>

namespace sb::gui {

LinkItem::LinkItem(const DesignDocument& document, design::LinkId id)
    : m_document(document)
    , m_id(std::move(id)) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(-1);
}

void LinkItem::sync() {
    const design::Node* from = m_document.node(m_id.from);
    const design::Node* to = m_document.node(m_id.to);
    if (!from || !to)
        return;
    prepareGeometryChange();
    const bool invalid = m_curve.invalid;
    m_curve =
        render::LinkCurve::between(*from, *to, m_document.link(m_id), m_startOffset, m_endOffset);
    m_curve.invalid = invalid;
    update();
}

void LinkItem::setProblems(const QStringList& errors) {
    if (errors == m_errors)
        return;
    m_errors = errors;
    m_curve.invalid = !errors.isEmpty();
    setToolTip(errors.join(QLatin1Char('\n')));
    update();
}

QRectF LinkItem::boundingRect() const {
    return m_curve.bounds();
}

QPainterPath LinkItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath outline = stroker.createStroke(m_curve.path);
    outline.addPolygon(m_curve.arrow);
    return outline;
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const auto* designScene = qobject_cast<const DesignScene*>(scene());
    const render::CanvasStyle style =
        designScene ? designScene->canvasStyle() : render::CanvasStyle::fromPalette(QPalette());
    m_curve.paint(*painter, style, render::levelOfDetail(painter->worldTransform()),
                  {isSelected(), m_hovered});
}

void LinkItem::hoverEnterEvent(QGraphicsSceneHoverEvent*) {
    m_hovered = true;
    update();
}

void LinkItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
    m_hovered = false;
    update();
}

} // namespace sb::gui
