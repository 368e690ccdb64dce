#include "render/LinkCurve.h"

#include "design/Geometry.h"

#include <QObject>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace sb::render {

namespace {

constexpr double kHalfWidth = design::kNodeWidth / 2;
constexpr double kArrowLength = 10;

} // namespace

LinkCurve LinkCurve::between(const design::Node& from, const design::Node& to,
                             const design::Link* link, double startOffset, double endOffset) {
    LinkCurve c;
    // Out of the sender's output side (right, where its port is), into the receiver's
    // input side (left), each link at its own place on the side.
    const QPointF start(from.x + kHalfWidth, from.y + startOffset);
    const QPointF tip(to.x - kHalfWidth - 2, to.y + endOffset);
    const QPointF base = tip - QPointF(kArrowLength, 0);
    // A link running backwards (or straight down a column) bows out further, so it leaves
    // and enters its sides visibly instead of crossing the cards.
    const double dx = base.x() - start.x();
    const double reach = dx > 60 ? std::max(30.0, dx / 2.2)
                                 : 60 + std::abs(dx) / 3 + std::abs(base.y() - start.y()) / 4;
    c.path = QPainterPath(start);
    c.path.cubicTo(start + QPointF(reach, 0), base - QPointF(reach, 0), base);
    c.middle = c.path.pointAtPercent(0.5);
    c.arrow = QPolygonF({tip, base + QPointF(0, 5), base - QPointF(0, 5)});
    if (link) {
        auto latency = link->props.find("latency_ms");
        if (latency != link->props.end() && latency->is_number())
            c.caption = QObject::tr("%1 ms").arg(latency->get<double>());
    }
    return c;
}

QRectF LinkCurve::bounds() const {
    return (path.boundingRect() | arrow.boundingRect()).adjusted(-40, -12, 40, 12);
}

void LinkCurve::paint(QPainter& painter, const CanvasStyle& style, double lod,
                      const LinkState& state) const {
    QColor colour = invalid ? style.error : style.link;
    double width = 1.6;
    if (state.selected) {
        colour = style.accent;
        width = 2.6;
    } else if (state.hovered) {
        width = 2.4;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour, width, invalid ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
    painter.setPen(QPen(colour, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(colour);
    painter.drawPolygon(arrow);

    if (!caption.isEmpty() && lod >= kBlocksBelow) {
        QFont font = painter.font();
        font.setPointSizeF(readablePointSize(7.5, lod));
        painter.setFont(font);
        const QRectF text =
            painter.fontMetrics().boundingRect(caption).toRectF().adjusted(-4, -1, 4, 1);
        const QRectF box(middle - QPointF(text.width() / 2, text.height() / 2), text.size());
        painter.setPen(Qt::NoPen);
        painter.setBrush(style.background);
        painter.drawRoundedRect(box, 3, 3);
        painter.setPen(style.subtleText);
        painter.drawText(box, Qt::AlignCenter, caption);
    }
}

} // namespace sb::render
