#include "gui/canvas/DataCentreItem.h"

#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QCursor>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace sb::gui {

namespace {

constexpr double kHeader = design::kDataCentreHeader;
constexpr double kGrip = 16;
constexpr double kBorderBand = 6;

} // namespace

DataCentreItem::DataCentreItem(const DesignDocument& document, design::DataCentreId id)
    : m_document(document)
    , m_id(std::move(id)) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(-10);
    sync();
}

void DataCentreItem::sync() {
    const design::DataCentre* dc = m_document.design().dataCentre(m_id);
    if (!dc)
        return;
    prepareGeometryChange();
    m_area = m_document.dataCentreRect(m_id);
    m_title = QString::fromStdString(dc->shownName());
    m_region = QString::fromStdString(dc->region);
    setToolTip(QObject::tr("Data centre %1 in %2\nDrag the header to move it with its nodes; "
                           "drop nodes inside to put them in it")
                   .arg(m_title, m_region));
    update();
}

void DataCentreItem::setDropTarget(bool on) {
    if (on == m_dropTarget)
        return;
    m_dropTarget = on;
    update();
}

QRectF DataCentreItem::headerSceneRect() const {
    return {m_area.left(), m_area.top(), m_area.width(), kHeader};
}

QRectF DataCentreItem::gripSceneRect() const {
    return {m_area.right() - kGrip, m_area.bottom() - kGrip, kGrip, kGrip};
}

QRectF DataCentreItem::boundingRect() const {
    return m_area.adjusted(-3, -3, 3, 3);
}

QPainterPath DataCentreItem::shape() const {
    QPainterPath outer;
    outer.addRect(m_area);
    QPainterPath inner;
    inner.addRect(m_area.adjusted(kBorderBand, kHeader, -kBorderBand, -kBorderBand));
    QPainterPath band = outer.subtracted(inner);
    band.addRect(gripSceneRect());
    return band;
}

void DataCentreItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const auto* designScene = qobject_cast<const DesignScene*>(scene());
    const CanvasStyle style =
        designScene ? designScene->canvasStyle() : CanvasStyle::fromPalette(QPalette());
    painter->setRenderHint(QPainter::Antialiasing);
    QColor border = isSelected() ? style.accent : style.dataCentreBorder;
    QColor fill = style.dataCentreFill;
    if (m_dropTarget) {
        border = style.accepted;
        fill = style.accepted;
        fill.setAlpha(36);
    }
    painter->setPen(QPen(border, isSelected() || m_dropTarget ? 2 : 1.2, Qt::DashLine));
    painter->setBrush(fill);
    painter->drawRoundedRect(m_area, 12, 12);

    // Header: name, then region.
    QFont title = painter->font();
    title.setPointSizeF(readablePointSize(10, lod));
    title.setWeight(QFont::DemiBold);
    painter->setFont(title);
    painter->setPen(style.text);
    const QRectF header = headerSceneRect().adjusted(14, 0, -14, 0);
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, m_title);
    const double titleWidth = painter->fontMetrics().horizontalAdvance(m_title);
    QFont regionFont = title;
    regionFont.setPointSizeF(readablePointSize(8.5, lod));
    regionFont.setWeight(QFont::Normal);
    painter->setFont(regionFont);
    painter->setPen(style.subtleText);
    painter->drawText(header.adjusted(titleWidth + 10, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      QStringLiteral("· ") + m_region);

    // Resize grip: three short diagonal strokes.
    const QRectF grip = gripSceneRect();
    painter->setPen(QPen(border, 1.2));
    for (int i = 1; i <= 3; ++i) {
        const double d = i * 4.0;
        painter->drawLine(QPointF(grip.right() - d, grip.bottom() - 2),
                          QPointF(grip.right() - 2, grip.bottom() - d));
    }
}

void DataCentreItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    if (gripSceneRect().contains(event->scenePos()))
        setCursor(Qt::SizeFDiagCursor);
    else if (headerSceneRect().contains(event->scenePos()))
        setCursor(Qt::OpenHandCursor);
    else
        unsetCursor();
}

} // namespace sb::gui
