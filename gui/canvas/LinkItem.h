#pragma once

#include "design/Ids.h"
#include "render/LinkCurve.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStringList>

namespace sb::gui {

class DesignDocument;

/// A link on the canvas: a curve from the sender's output side to the receiver's input
/// side, with an arrowhead at the receiver (render::LinkCurve, as the exports draw it).
/// Reads its ends' positions from the document when told to sync (the scene does, once it
/// has placed the link's ports).
class LinkItem final : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    LinkItem(const DesignDocument& document, design::LinkId id);

    int type() const override { return Type; }
    const design::LinkId& id() const { return m_id; }

    /// Re-reads both ends and the link's properties from the document.
    void sync();
    /// Where on its ends' sides the link attaches (taken at the next sync): vertical
    /// offsets from the middle of the sender's output side and of the receiver's input
    /// side. DesignScene spreads the links of a side so each has its own place
    /// (render::PortLayout).
    void setStartPort(double offset) { m_startOffset = offset; }
    void setEndPort(double offset) { m_endOffset = offset; }
    void setProblems(const QStringList& errors);
    /// The curve, in scene coordinates (the item sits at the origin).
    const QPainterPath& path() const { return m_curve.path; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    const DesignDocument& m_document;
    design::LinkId m_id;
    render::LinkCurve m_curve;
    double m_startOffset = 0;
    double m_endOffset = 0;
    QStringList m_errors;
    bool m_hovered = false;
};

} // namespace sb::gui
