#include "gui/canvas/MiniMap.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"

#include <QMouseEvent>
#include <QPainter>
#include <QTimer>

namespace sb::gui {

MiniMap::MiniMap(DesignView* view)
    : QGraphicsView(view->scene(), view)
    , m_view(view)
    , m_refitTimer(new QTimer(this)) {
    setObjectName(QStringLiteral("miniMap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    m_refitTimer->setSingleShot(true);
    m_refitTimer->setInterval(120);
    connect(m_refitTimer, &QTimer::timeout, this, &MiniMap::refit);
    connect(view->scene(), &QGraphicsScene::changed, m_refitTimer, qOverload<>(&QTimer::start));
    refit();
}

void MiniMap::viewChanged() {
    viewport()->update();
}

void MiniMap::refit() {
    const auto* scene = static_cast<DesignScene*>(m_view->scene());
    QRectF bounds = scene->designBounds();
    bounds |= m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    if (bounds.isNull())
        return;
    fitInView(bounds.adjusted(-60, -60, 60, 60), Qt::KeepAspectRatio);
    viewport()->update();
}

void MiniMap::drawBackground(QPainter* painter, const QRectF& rect) {
    const render::CanvasStyle& style = static_cast<DesignScene*>(scene())->canvasStyle();
    QColor fill = style.nodeFill;
    fill.setAlpha(235);
    painter->fillRect(rect, fill);
}

void MiniMap::drawForeground(QPainter* painter, const QRectF&) {
    const render::CanvasStyle& style = static_cast<DesignScene*>(scene())->canvasStyle();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QColor fill = style.accent;
    fill.setAlpha(30);
    painter->setPen(QPen(style.accent, 0));
    painter->setBrush(fill);
    painter->drawRect(visible);
    painter->resetTransform();
    painter->setPen(QPen(style.nodeBorder, 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(viewport()->rect().adjusted(0, 0, -1, -1));
}

void MiniMap::mousePressEvent(QMouseEvent* event) {
    m_view->centerOn(mapToScene(event->position().toPoint()));
    event->accept();
}

void MiniMap::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton)
        m_view->centerOn(mapToScene(event->position().toPoint()));
    event->accept();
}

void MiniMap::wheelEvent(QWheelEvent* event) {
    event->accept();
}

} // namespace sb::gui
