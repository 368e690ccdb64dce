#pragma once

#include <QGraphicsView>

namespace sb::gui {

class DesignView;

/// A small overview of the whole design in a corner of the canvas, with the visible part
/// outlined; clicking or dragging in it moves the view there.
class MiniMap final : public QGraphicsView {
    Q_OBJECT

public:
    explicit MiniMap(DesignView* view);

    /// Call when the main view scrolled or zoomed.
    void viewChanged();

protected:
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void refit();

    DesignView* m_view;
    QTimer* m_refitTimer;
};

} // namespace sb::gui
