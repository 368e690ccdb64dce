#pragma once

#include "design/Ids.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStringList>

namespace sb::gui {

class DesignDocument;

/// A link on the canvas: a curve from one node's side to another's, with an arrowhead at
/// the downstream end. Reads its ends' positions from the document when told to sync.
class LinkItem final : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    LinkItem(const DesignDocument& document, design::LinkId id);

    int type() const override { return Type; }
    const design::LinkId& id() const { return m_id; }

    /// Re-reads both ends and the link's properties from the document.
    void sync();
    void setProblems(const QStringList& errors);
    /// The curve, in scene coordinates (the item sits at the origin).
    const QPainterPath& path() const { return m_path; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    const DesignDocument& m_document;
    design::LinkId m_id;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QPointF m_middle;
    QString m_caption;
    QStringList m_errors;
    bool m_hovered = false;
};

} // namespace sb::gui
