#pragma once

#include "design/Ids.h"
#include "render/DataCentreBox.h"

#include <QGraphicsItem>

namespace sb::gui {

class DesignDocument;

/// A data-centre container: a labelled region holding nodes (render::DataCentreBox, as the
/// exports draw it). Dragged by its header (its nodes move with it) and resized by the grip
/// in its lower-right corner; the inside stays free for rubber-band selection.
class DataCentreItem final : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };

    DataCentreItem(const DesignDocument& document, design::DataCentreId id);

    int type() const override { return Type; }
    const design::DataCentreId& id() const { return m_id; }

    void sync();
    /// Highlights the container while a node is dragged over it.
    void setDropTarget(bool on);

    /// Everything the container covers, in scene coordinates.
    QRectF area() const { return m_box.area; }
    QRectF headerSceneRect() const;
    QRectF gripSceneRect() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    const DesignDocument& m_document;
    design::DataCentreId m_id;
    render::DataCentreBox m_box;
    bool m_dropTarget = false;
};

} // namespace sb::gui
