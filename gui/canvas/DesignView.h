#pragma once

#include <QGraphicsView>

class QTimer;

namespace sb::gui {

class DesignScene;
class MiniMap;

/// The view over the canvas: zoom (wheel, pinch, shortcuts), pan (middle button, or Space
/// and drag), rubber-band selection, a grid, a minimap in a free corner, and drops of kinds
/// from the palette.
class DesignView final : public QGraphicsView {
    Q_OBJECT

public:
    /// The MIME type the palette drags: the kind's name as UTF-8.
    static constexpr const char* kKindMimeType = "application/x-scaleboard-kind";

    explicit DesignView(DesignScene* scene, QWidget* parent = nullptr);

    DesignScene* designScene() const { return m_scene; }
    MiniMap* miniMap() const { return m_miniMap; }
    double zoom() const;
    void setZoom(double factor);
    void zoomBy(double factor);
    void zoomIn() { zoomBy(1.25); }
    void zoomOut() { zoomBy(1 / 1.25); }
    void fitToDesign();
    /// How a design opens: fitted when it fits at kReadableZoom or more, else at that zoom
    /// from its left edge, so its labels are readable from the start.
    void showDesign();
    /// The smallest zoom a design opens at: with the cards' semantic zoom (NodeItem), the
    /// labels keep at least 9 pt on screen down to it.
    static constexpr double kReadableZoom = 0.5;
    /// The centre of what is visible, in scene coordinates.
    QPointF visibleCentre() const;
    /// Whether the user wants the minimap. It shows only in a corner with no node under it,
    /// so it may stay hidden while every corner is taken.
    void setMiniMapVisible(bool visible);
    /// Reserves a strip of this height below the canvas (for the live legend), so what is
    /// drawn there never covers a node; 0 gives the space back.
    void setBottomStrip(int height);

    static constexpr double kMinZoom = 0.1;
    static constexpr double kMaxZoom = 4.0;

Q_SIGNALS:
    void zoomChanged(double factor);

protected:
    bool event(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void placeMiniMap();
    double fitZoom(const QRectF& bounds) const;
    void showAt(double factor, QPointF centre);
    void startPanning();
    void stopPanning();

    DesignScene* m_scene;
    MiniMap* m_miniMap;
    QTimer* m_placeTimer;
    bool m_miniMapWanted = true;
    bool m_spaceHeld = false;
    bool m_panning = false;
};

} // namespace sb::gui
