#include "gui/canvas/NodeItem.h"

#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QCursor>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>

namespace sb::gui {

namespace {

/// The link handle grabs the pointer this far around the card's port.
constexpr double kHandleReach = 3;

QRectF handleRect() {
    return render::NodeCard::portRect().adjusted(-kHandleReach, -kHandleReach, kHandleReach,
                                                 kHandleReach);
}

} // namespace

NodeItem::NodeItem(const DesignDocument& document, design::NodeId id)
    : m_document(document)
    , m_id(std::move(id)) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    sync();
}

void NodeItem::sync() {
    const design::Node* node = m_document.node(m_id);
    if (!node)
        return;
    render::NodeCard card = render::NodeCard::of(*node, m_document.catalog());
    card.badge = m_card.badge;
    card.decoration = m_card.decoration;
    m_card = std::move(card);
    setPos(node->x, node->y);
    update();
}

void NodeItem::setProblems(const QStringList& errors, const QStringList& warnings) {
    if (errors == m_errors && warnings == m_warnings)
        return;
    m_errors = errors;
    m_warnings = warnings;
    m_card.badge = !errors.isEmpty()     ? render::NodeCard::Badge::Error
                   : !warnings.isEmpty() ? render::NodeCard::Badge::Warning
                                         : render::NodeCard::Badge::None;
    update();
}

void NodeItem::setDecoration(const render::NodeDecoration& decoration) {
    if (decoration == m_card.decoration)
        return;
    prepareGeometryChange();
    m_card.decoration = decoration;
    update();
}

void NodeItem::setLinkTarget(LinkTarget state) {
    if (state == m_linkTarget)
        return;
    m_linkTarget = state;
    update();
}

QRectF NodeItem::cardRect() const {
    return render::NodeCard::cardRect();
}

QRectF NodeItem::handleSceneRect() const {
    return mapRectToScene(handleRect());
}

QRectF NodeItem::labelSceneRect() const {
    const QRectF card = cardRect();
    return mapRectToScene(QRectF(card.left() + 50, card.top() + 8, card.width() - 64, 20));
}

QRectF NodeItem::boundingRect() const {
    return m_card.bounds();
}

QPainterPath NodeItem::shape() const {
    QPainterPath path;
    path.addRoundedRect(cardRect(), 8, 8);
    path.addEllipse(handleRect());
    return path;
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const auto* designScene = qobject_cast<const DesignScene*>(scene());
    const render::CanvasStyle style =
        designScene ? designScene->canvasStyle() : render::CanvasStyle::fromPalette(QPalette());
    render::CardState state;
    state.selected = isSelected();
    state.hovered = m_hovered;
    state.portHovered = m_handleHovered;
    state.linkTarget = m_linkTarget;
    m_card.paint(*painter, style, render::levelOfDetail(painter->worldTransform()), state);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    m_hovered = true;
    hoverMoveEvent(event);
}

void NodeItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    const bool onHandle = handleRect().contains(event->pos());
    if (onHandle != m_handleHovered) {
        m_handleHovered = onHandle;
        setCursor(onHandle ? Qt::CrossCursor : Qt::ArrowCursor);
    }
    updateToolTip(event->pos());
    update();
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
    m_hovered = false;
    m_handleHovered = false;
    unsetCursor();
    update();
}

void NodeItem::updateToolTip(QPointF itemPos) {
    if (hasProblems() && (render::NodeCard::badgeRect().adjusted(-4, -4, 4, 4).contains(itemPos) ||
                          cardRect().contains(itemPos))) {
        QStringList lines;
        for (const auto& e : m_errors)
            lines << QStringLiteral("● ") + e;
        for (const auto& w : m_warnings)
            lines << QStringLiteral("▲ ") + w;
        setToolTip(lines.join(QLatin1Char('\n')));
    } else if (handleRect().contains(itemPos)) {
        setToolTip(QObject::tr("Drag to another node to draw a link"));
    } else {
        setToolTip(QStringLiteral("%1 (%2)").arg(m_card.label, QString::fromStdString(m_id.value)));
    }
}

} // namespace sb::gui
