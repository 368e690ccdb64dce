#include "gui/canvas/LinkItem.h"

#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace sb::gui {

namespace {

constexpr double kHalfWidth = DesignDocument::kNodeWidth / 2;
constexpr double kArrowLength = 10;

} // namespace

double LinkItem::portOffset(int index, int count) {
    if (count <= 1)
        return 0;
    // Spread over the side, at most kPortSpacing apart, clear of the rounded corners.
    const double span = std::min(DesignDocument::kNodeHeight - 16, kPortSpacing * (count - 1));
    return -span / 2 + span * index / (count - 1);
}

LinkItem::LinkItem(const DesignDocument& document, design::LinkId id)
    : m_document(document)
    , m_id(std::move(id)) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(-1);
}

void LinkItem::sync() {
    const design::Node* from = m_document.node(m_id.from);
    const design::Node* to = m_document.node(m_id.to);
    if (!from || !to)
        return;
    prepareGeometryChange();
    // Out of the sender's output side (right, where the link handle is), into the
    // receiver's input side (left), each link at its own place on the side.
    const QPointF start(from->x + kHalfWidth, from->y + m_startOffset);
    const QPointF tip(to->x - kHalfWidth - 2, to->y + m_endOffset);
    const QPointF base = tip - QPointF(kArrowLength, 0);
    // A link running backwards (or straight down a column) bows out further, so it leaves
    // and enters its sides visibly instead of crossing the cards.
    const double dx = base.x() - start.x();
    const double reach = dx > 60 ? std::max(30.0, dx / 2.2)
                                 : 60 + std::abs(dx) / 3 + std::abs(base.y() - start.y()) / 4;
    m_path = QPainterPath(start);
    m_path.cubicTo(start + QPointF(reach, 0), base - QPointF(reach, 0), base);
    m_middle = m_path.pointAtPercent(0.5);
    m_arrow = QPolygonF({tip, base + QPointF(0, 5), base - QPointF(0, 5)});

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

void LinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
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

    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (!m_caption.isEmpty() && lod >= kBlocksBelow) {
        QFont font = painter->font();
        font.setPointSizeF(readablePointSize(7.5, lod));
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
