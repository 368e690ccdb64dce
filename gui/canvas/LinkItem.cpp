#include "gui/canvas/LinkItem.h"

#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace sb::gui {

namespace {

constexpr double kHalfWidth = DesignDocument::kNodeWidth / 2;
constexpr double kHalfHeight = DesignDocument::kNodeHeight / 2;
constexpr double kArrowLength = 10;
constexpr double kPairOffset = 9;

struct Port {
    QPointF point;
    QPointF direction; ///< unit vector out of the node
};

/// Where a link leaves (or enters) a node: the middle of the side facing the other end,
/// nudged sideways when a link runs the other way between the same two nodes.
Port portOf(QPointF centre, QPointF towards, double sideways) {
    const QPointF d = towards - centre;
    const bool horizontal = std::abs(d.x()) / kHalfWidth >= std::abs(d.y()) / kHalfHeight;
    if (horizontal) {
        const double sign = d.x() >= 0 ? 1 : -1;
        return {centre + QPointF(sign * kHalfWidth, sideways), QPointF(sign, 0)};
    }
    const double sign = d.y() >= 0 ? 1 : -1;
    return {centre + QPointF(sideways, sign * kHalfHeight), QPointF(0, sign)};
}

} // namespace

LinkItem::LinkItem(const DesignDocument& document, design::LinkId id)
    : m_document(document)
    , m_id(std::move(id)) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(-1);
    sync();
}

void LinkItem::sync() {
    const design::Node* from = m_document.node(m_id.from);
    const design::Node* to = m_document.node(m_id.to);
    if (!from || !to)
        return;
    prepareGeometryChange();
    const QPointF a(from->x, from->y);
    const QPointF b(to->x, to->y);
    // A link each way between two nodes: draw them side by side.
    const double sideways =
        m_document.link({m_id.to, m_id.from}) ? (m_id.from < m_id.to ? -1 : 1) * kPairOffset : 0;
    const Port start = portOf(a, b, sideways);
    const Port end = portOf(b, a, sideways);
    const QPointF tip = end.point + end.direction * 2;
    const QPointF base = tip + end.direction * kArrowLength;
    const double reach = std::max(30.0, QLineF(start.point, base).length() / 2.5);
    m_path = QPainterPath(start.point);
    m_path.cubicTo(start.point + start.direction * reach, base + end.direction * reach, base);
    m_middle = m_path.pointAtPercent(0.5);

    const QPointF along = -end.direction;
    const QPointF across(-along.y(), along.x());
    m_arrow = QPolygonF({tip, base + across * 5, base - across * 5});

    const design::Link* link = m_document.link(m_id);
    m_caption.clear();
    if (link) {
        auto latency = link->props.find("latency_ms");
        if (latency != link->props.end() && latency->is_number())
            m_caption = QObject::tr("%1 ms").arg(latency->get<double>());
    }
    update();
}

void LinkItem::setProblems(const QStringList& errors) {
    if (errors == m_errors)
        return;
    m_errors = errors;
    setToolTip(errors.join(QLatin1Char('\n')));
    update();
}

QRectF LinkItem::boundingRect() const {
    return (m_path.boundingRect() | m_arrow.boundingRect()).adjusted(-40, -12, 40, 12);
}

QPainterPath LinkItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    QPainterPath outline = stroker.createStroke(m_path);
    outline.addPolygon(m_arrow);
    return outline;
}

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const auto* designScene = qobject_cast<const DesignScene*>(scene());
    const CanvasStyle style =
        designScene ? designScene->canvasStyle() : CanvasStyle::fromPalette(QPalette());
    QColor colour = style.link;
    double width = 1.6;
    if (!m_errors.isEmpty())
        colour = style.error;
    if (isSelected()) {
        colour = style.accent;
        width = 2.6;
    } else if (m_hovered) {
        width = 2.4;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(colour, width, m_errors.isEmpty() ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(QPen(colour, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(colour);
    painter->drawPolygon(m_arrow);

    if (!m_caption.isEmpty()) {
        QFont font = painter->font();
        font.setPointSizeF(7.5);
        painter->setFont(font);
        const QRectF text =
            painter->fontMetrics().boundingRect(m_caption).toRectF().adjusted(-4, -1, 4, 1);
        const QRectF box(m_middle - QPointF(text.width() / 2, text.height() / 2), text.size());
        painter->setPen(Qt::NoPen);
        painter->setBrush(style.background);
        painter->drawRoundedRect(box, 3, 3);
        painter->setPen(style.subtleText);
        painter->drawText(box, Qt::AlignCenter, m_caption);
    }
}

void LinkItem::hoverEnterEvent(QGraphicsSceneHoverEvent*) {
    m_hovered = true;
    update();
}

void LinkItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
    m_hovered = false;
    update();
}

} // namespace sb::gui
