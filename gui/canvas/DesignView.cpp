#include "gui/canvas/DesignView.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/MiniMap.h"
#include "gui/canvas/NodeItem.h"

#include <QGestureEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QScrollBar>
#include <QTimer>
#include <QtMath>
#include <algorithm>
#include <cmath>
#include <optional>

namespace sb::gui {

DesignView::DesignView(DesignScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
    , m_miniMap(new MiniMap(this))
    , m_placeTimer(new QTimer(this)) {
    setObjectName(QStringLiteral("designView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    // When docks open or close around it (a run's first start), what is under the
    // top-left corner stays put, so nothing moves away from the user's pointer.
    setResizeAnchor(QGraphicsView::NoAnchor);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setCacheMode(QGraphicsView::CacheBackground);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setSceneRect(-20000, -20000, 40000, 40000);
    grabGesture(Qt::PinchGesture);
    viewport()->grabGesture(Qt::PinchGesture);
    // The minimap looks for a free corner again as the design changes under it (at most
    // every 200 ms, so a run's animation does not keep it busy).
    m_placeTimer->setSingleShot(true);
    m_placeTimer->setInterval(200);
    connect(m_placeTimer, &QTimer::timeout, this, &DesignView::placeMiniMap);
    connect(scene, &QGraphicsScene::changed, this, [this] {
        if (!m_placeTimer->isActive())
            m_placeTimer->start();
    });
    connect(this, &DesignView::zoomChanged, this, &DesignView::placeMiniMap);
    placeMiniMap();
}

double DesignView::zoom() const {
    return transform().m11();
}

void DesignView::setZoom(double factor) {
    factor = std::clamp(factor, kMinZoom, kMaxZoom);
    const QPointF centre = visibleCentre();
    setTransform(QTransform::fromScale(factor, factor));
    centerOn(centre);
    resetCachedContent();
    Q_EMIT zoomChanged(factor);
}

void DesignView::zoomBy(double factor) {
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    scale(target / zoom(), target / zoom());
    resetCachedContent();
    Q_EMIT zoomChanged(target);
}

void DesignView::fitToDesign() {
    const QRectF bounds = m_scene->designBounds().adjusted(-40, -40, 40, 40);
    if (m_scene->designBounds().isNull()) {
        showAt(1, {0, 0});
        return;
    }
    showAt(std::clamp(fitZoom(bounds), kMinZoom, 1.5), bounds.center());
}

void DesignView::showDesign() {
    const QRectF bounds = m_scene->designBounds().adjusted(-40, -40, 40, 40);
    const double fit = fitZoom(bounds);
    if (m_scene->designBounds().isNull() || fit >= kReadableZoom) {
        fitToDesign();
        return;
    }
    // Too big to fit readably: open readable where the design starts (its left edge, where
    // the traffic comes in), and let the user scroll or fit for the rest.
    const QSizeF seen = QSizeF(viewport()->size()) / kReadableZoom;
    const double y =
        bounds.height() <= seen.height() ? bounds.center().y() : bounds.top() + seen.height() / 2;
    showAt(kReadableZoom, QPointF(bounds.left() + seen.width() / 2, y));
}

double DesignView::fitZoom(const QRectF& bounds) const {
    return std::min(viewport()->width() / bounds.width(), viewport()->height() / bounds.height());
}

void DesignView::showAt(double factor, QPointF centre) {
    setTransform(QTransform::fromScale(factor, factor));
    centerOn(centre);
    resetCachedContent();
    Q_EMIT zoomChanged(zoom());
}

QPointF DesignView::visibleCentre() const {
    return mapToScene(viewport()->rect().center());
}

void DesignView::setMiniMapVisible(bool visible) {
    m_miniMapWanted = visible;
    placeMiniMap();
}

void DesignView::setBottomStrip(int height) {
    setViewportMargins(0, 0, 0, height);
}

bool DesignView::event(QEvent* event) {
    if (event->type() == QEvent::Gesture) {
        auto* gesture = static_cast<QGestureEvent*>(event);
        if (auto* pinch = static_cast<QPinchGesture*>(gesture->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged)
                zoomBy(pinch->scaleFactor());
            gesture->accept();
            return true;
        }
    }
    if (event->type() == QEvent::NativeGesture) {
        auto* native = static_cast<QNativeGestureEvent*>(event);
        if (native->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1 + native->value());
            return true;
        }
    }
    return QGraphicsView::event(event);
}

void DesignView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event); // scroll sideways
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (!event->pixelDelta().isNull() && !(event->modifiers() & Qt::ControlModifier) &&
        event->angleDelta().y() % 120 != 0) {
        // A touchpad: two-finger scroll pans; pinch arrives as a gesture.
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - event->pixelDelta().x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - event->pixelDelta().y());
        event->accept();
        return;
    }
    zoomBy(std::pow(1.15, steps));
    event->accept();
}

void DesignView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        startPanning();
        // Let the hand-drag mode see a left press.
        QMouseEvent press(event->type(), event->position(), event->scenePosition(),
                          event->globalPosition(), Qt::LeftButton, Qt::LeftButton,
                          event->modifiers());
        QGraphicsView::mousePressEvent(&press);
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DesignView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        QMouseEvent release(event->type(), event->position(), event->scenePosition(),
                            event->globalPosition(), Qt::LeftButton, Qt::NoButton,
                            event->modifiers());
        QGraphicsView::mouseReleaseEvent(&release);
        stopPanning();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DesignView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && !scene()->focusItem()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DesignView::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && m_spaceHeld) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DesignView::startPanning() {
    m_panning = true;
    setDragMode(QGraphicsView::ScrollHandDrag);
    setInteractive(false);
}

void DesignView::stopPanning() {
    m_panning = false;
    setDragMode(QGraphicsView::RubberBandDrag);
    setInteractive(true);
    if (m_spaceHeld)
        viewport()->setCursor(Qt::OpenHandCursor);
    else
        viewport()->unsetCursor();
}

void DesignView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    placeMiniMap();
}

void DesignView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    m_miniMap->viewChanged();
    placeMiniMap();
}

void DesignView::placeMiniMap() {
    // The first corner with no node under it, else none: the minimap never covers a node.
    const QSize size(220, 150);
    const int margin = 12;
    const QRect area = viewport()->rect();
    const int left = area.left() + margin;
    const int right = area.right() - size.width() - margin;
    const int top = area.top() + margin;
    const int bottom = area.bottom() - size.height() - margin;
    std::optional<QRect> place;
    if (m_miniMapWanted && right > left && bottom > top)
        for (const QPoint corner :
             {QPoint(right, bottom), QPoint(right, top), QPoint(left, bottom), QPoint(left, top)}) {
            const QRect r(corner, size);
            const QRectF covered = mapToScene(r.adjusted(-4, -4, 4, 4)).boundingRect();
            const auto under = m_scene->items(covered, Qt::IntersectsItemBoundingRect);
            if (std::ranges::none_of(under, [](const QGraphicsItem* item) {
                    return item->type() == NodeItem::Type;
                })) {
                place = r;
                break;
            }
        }
    m_miniMap->setVisible(place.has_value());
    if (place)
        m_miniMap->setGeometry(place->translated(viewport()->geometry().topLeft()));
}

void DesignView::drawBackground(QPainter* painter, const QRectF& rect) {
    const render::CanvasStyle& style = m_scene->canvasStyle();
    painter->fillRect(rect, style.background);
    const double grid = DesignScene::kGridSize;
    const double z = zoom();
    if (z * grid < 6)
        return;
    // Minor dots every grid step, a fainter line every five.
    const double left = std::floor(rect.left() / grid) * grid;
    const double top = std::floor(rect.top() / grid) * grid;
    QVector<QLineF> major;
    for (double x = left; x < rect.right(); x += grid)
        if (std::fmod(std::abs(x), grid * 5) < 0.5)
            major.append(QLineF(x, rect.top(), x, rect.bottom()));
    for (double y = top; y < rect.bottom(); y += grid)
        if (std::fmod(std::abs(y), grid * 5) < 0.5)
            major.append(QLineF(rect.left(), y, rect.right(), y));
    painter->setPen(QPen(style.gridMinor, 0));
    painter->drawLines(major);
    QVector<QPointF> dots;
    for (double x = left; x < rect.right(); x += grid)
        for (double y = top; y < rect.bottom(); y += grid)
            dots.append(QPointF(x, y));
    painter->setPen(QPen(style.gridMajor, 1.6 / z, Qt::SolidLine, Qt::RoundCap));
    painter->drawPoints(dots.constData(), int(dots.size()));
}

void DesignView::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(QString::fromLatin1(kKindMimeType)))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void DesignView::dragMoveEvent(QDragMoveEvent* event) {
    if (event->mimeData()->hasFormat(QString::fromLatin1(kKindMimeType)))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void DesignView::dropEvent(QDropEvent* event) {
    const QByteArray kind = event->mimeData()->data(QString::fromLatin1(kKindMimeType));
    if (kind.isEmpty()) {
        QGraphicsView::dropEvent(event);
        return;
    }
    m_scene->addNode(kind.toStdString(), mapToScene(event->position().toPoint()));
    event->acceptProposedAction();
    setFocus();
}

} // namespace sb::gui
