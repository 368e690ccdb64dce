#pragma once

#include "design/Ids.h"
#include "render/NodeCard.h"

#include <QGraphicsItem>
#include <QStringList>

namespace sb::gui {

class DesignDocument;

/// A node on the canvas: a view of one design node, found by id in the document. It reads
/// its label, kind and position from the document when told to sync, and paints its card
/// with render::NodeCard, as the exports do.
class NodeItem final : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    /// How the node answers the link being dragged over it.
    using LinkTarget = render::CardState::LinkTarget;

    NodeItem(const DesignDocument& document, design::NodeId id);

    int type() const override { return Type; }
    const design::NodeId& id() const { return m_id; }

    /// Re-reads the node from the document.
    void sync();
    /// Validation messages shown as a badge, with the messages as its tooltip.
    void setProblems(const QStringList& errors, const QStringList& warnings);
    bool hasErrors() const { return !m_errors.isEmpty(); }
    bool hasProblems() const { return !m_errors.isEmpty() || !m_warnings.isEmpty(); }
    void setDecoration(const render::NodeDecoration& decoration);
    const render::NodeDecoration& decoration() const { return m_card.decoration; }
    void setLinkTarget(LinkTarget state);

    /// The link handle (drag from it to another node to draw a link), in scene coordinates.
    QRectF handleSceneRect() const;
    QRectF labelSceneRect() const;
    QRectF cardRect() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    void updateToolTip(QPointF itemPos);

    const DesignDocument& m_document;
    design::NodeId m_id;
    render::NodeCard m_card;
    QStringList m_errors;
    QStringList m_warnings;
    LinkTarget m_linkTarget = LinkTarget::None;
    bool m_hovered = false;
    bool m_handleHovered = false;
};

} // namespace sb::gui
