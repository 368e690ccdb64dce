#include "gui/canvas/NodeItem.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/KindIcons.h"
#include "gui/canvas/TextLines.h"
#include "gui/document/DesignDocument.h"

#include <QCursor>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>
#include <algorithm>

namespace sb::gui {

namespace {

constexpr double kWidth = DesignDocument::kNodeWidth;
constexpr double kHeight = DesignDocument::kNodeHeight;
constexpr double kHandleRadius = 6;

/// Draws `text` word-wrapped into at most `lines` lines of `rect`, vertically centred,
/// the last line elided.
void drawWrapped(QPainter* painter, const QRectF& rect, const QString& text, int lines) {
    const QFontMetrics metrics = painter->fontMetrics();
    const QStringList out = wrappedLines(text, metrics, int(rect.width()), lines);
    const double height = metrics.lineSpacing() * double(out.size());
    double y = rect.center().y() - height / 2 + metrics.ascent();
    for (const QString& line : out) {
        painter->drawText(QPointF(rect.left(), y), line);
        y += metrics.lineSpacing();
    }
}
constexpr double kBadgeRadius = 9;

QColor loadColour(double utilisation) {
    if (utilisation < 0.6)
        return QColor(0x2e, 0xa4, 0x4f);
    if (utilisation < 0.85)
        return QColor(0xe8, 0x9b, 0x1a);
    return QColor(0xe0, 0x3e, 0x3e);
}

} // namespace

NodeItem::NodeItem(const DesignDocument& document, design::NodeId id)
    : m_document(document)
    , m_id(std::move(id)) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    sync();
}

void NodeItem::sync() {
    const design::Node* node = m_document.node(m_id);
    if (!node)
        return;
    const design::ComponentDescriptor* d = m_document.catalog().find(node->kind);
    m_label = QString::fromStdString(node->shownName());
    m_kindName = d ? QString::fromStdString(d->displayName)
                   : QObject::tr("Unknown kind “%1”").arg(QString::fromStdString(node->kind));
    m_iconName = d ? d->iconName : node->kind;
    m_category = d ? d->category : std::string();
    setPos(node->x, node->y);
    update();
}

void NodeItem::setProblems(const QStringList& errors, const QStringList& warnings) {
    if (errors == m_errors && warnings == m_warnings)
        return;
    m_errors = errors;
    m_warnings = warnings;
    update();
}

void NodeItem::setDecoration(const NodeDecoration& decoration) {
    if (decoration == m_decoration)
        return;
    prepareGeometryChange();
    m_decoration = decoration;
    update();
}

void NodeItem::setLinkTarget(LinkTarget state) {
    if (state == m_linkTarget)
        return;
    m_linkTarget = state;
    update();
}

QRectF NodeItem::cardRect() const {
    return {-kWidth / 2, -kHeight / 2, kWidth, kHeight};
}

QRectF NodeItem::handleRect() const {
    return {kWidth / 2 - kHandleRadius, -kHandleRadius, 2 * kHandleRadius, 2 * kHandleRadius};
}

QRectF NodeItem::badgeRect() const {
    return {kWidth / 2 - kBadgeRadius - 2, -kHeight / 2 - kBadgeRadius + 2, 2 * kBadgeRadius,
            2 * kBadgeRadius};
}

QRectF NodeItem::handleSceneRect() const {
    return mapRectToScene(handleRect().adjusted(-3, -3, 3, 3));
}

QRectF NodeItem::labelSceneRect() const {
    return mapRectToScene(QRectF(-kWidth / 2 + 50, -kHeight / 2 + 8, kWidth - 64, 20));
}

QRectF NodeItem::boundingRect() const {
    QRectF r = cardRect().adjusted(-4, -kBadgeRadius - 2, kHandleRadius + 4, 4);
    if (!m_decoration.caption.isEmpty())
        // Room for the caption at its largest (zoomed out).
        r |= QRectF(-kWidth / 2 - 30, kHeight / 2, kWidth + 60, 40);
    return r;
}

QPainterPath NodeItem::shape() const {
    QPainterPath path;
    path.addRoundedRect(cardRect(), 8, 8);
    path.addEllipse(handleRect().adjusted(-3, -3, 3, 3));
    return path;
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const auto* designScene = qobject_cast<const DesignScene*>(scene());
    const CanvasStyle style =
        designScene ? designScene->canvasStyle() : CanvasStyle::fromPalette(QPalette());
    const QColor category = CanvasStyle::categoryColour(m_category);
    const QRectF card = cardRect();
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing);

    if (lod < kBlocksBelow) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(isSelected() ? style.accent : category);
        painter->drawRoundedRect(card, 8, 8);
        return;
    }

    // Card with a category strip on the left.
    QColor border = style.nodeBorder;
    double borderWidth = 1;
    if (m_linkTarget == LinkTarget::Accepts) {
        border = style.accepted;
        borderWidth = 2.5;
    } else if (m_linkTarget == LinkTarget::Refuses) {
        border = style.error;
        borderWidth = 2.5;
    } else if (isSelected()) {
        border = style.accent;
        borderWidth = 2;
    } else if (m_hovered) {
        border = style.accent.lighter(style.dark ? 80 : 130);
    }
    if (isSelected()) {
        QColor glow = style.accent;
        glow.setAlpha(50);
        painter->setPen(Qt::NoPen);
        painter->setBrush(glow);
        painter->drawRoundedRect(card.adjusted(-4, -4, 4, 4), 11, 11);
    }
    painter->setPen(QPen(border, borderWidth));
    painter->setBrush(m_decoration.down ? style.nodeFill.darker(style.dark ? 130 : 110)
                                        : style.nodeFill);
    painter->drawRoundedRect(card, 8, 8);
    {
        QPainterPath strip;
        strip.addRoundedRect(card, 8, 8);
        QPainterPath clip;
        clip.addRect(QRectF(card.left(), card.top(), 5, card.height()));
        painter->setPen(Qt::NoPen);
        painter->setBrush(category);
        painter->drawPath(strip.intersected(clip));
    }

    // Load fill along the bottom edge.
    if (m_decoration.utilisation) {
        const double u = std::clamp(*m_decoration.utilisation, 0.0, 1.0);
        const QRectF track(card.left() + 12, card.bottom() - 7, card.width() - 24, 3);
        painter->setBrush(style.gridMajor);
        painter->drawRoundedRect(track, 1.5, 1.5);
        painter->setBrush(loadColour(u));
        painter->drawRoundedRect(QRectF(track.topLeft(), QSizeF(track.width() * u, 3)), 1.5, 1.5);
    }

    // Icon, label, kind. Zoomed out, the card gets simpler and its label larger (semantic
    // zoom, readablePointSize), over up to two lines; the kind line (also in the tooltip)
    // makes way for it.
    const bool simple = lod < kZoomedOutBelow;
    const QRectF iconRect =
        simple ? QRectF(card.left() + 10, -12, 24, 24) : QRectF(card.left() + 13, -16, 32, 32);
    painter->setOpacity(m_decoration.down ? 0.4 : 1.0);
    KindIcons::renderer(m_iconName).render(painter, iconRect);
    painter->setOpacity(1.0);
    QFont labelFont = painter->font();
    labelFont.setPointSizeF(readablePointSize(9.5, lod));
    labelFont.setWeight(QFont::DemiBold);
    painter->setFont(labelFont);
    painter->setPen(style.text);
    if (simple) {
        const QRectF labelRect(iconRect.right() + 6, card.top() + 3,
                               card.right() - iconRect.right() - 12, card.height() - 6);
        drawWrapped(painter, labelRect, m_label, 2);
    } else {
        const QRectF labelRect(card.left() + 52, card.top() + 9, card.width() - 62, 20);
        painter->drawText(
            labelRect, Qt::AlignLeft | Qt::AlignVCenter,
            painter->fontMetrics().elidedText(m_label, Qt::ElideRight, int(labelRect.width())));
        QFont kindFont = labelFont;
        kindFont.setPointSizeF(8);
        kindFont.setWeight(QFont::Normal);
        painter->setFont(kindFont);
        painter->setPen(style.subtleText);
        const QRectF kindRect(card.left() + 52, card.top() + 28, card.width() - 62, 16);
        painter->drawText(
            kindRect, Qt::AlignLeft | Qt::AlignVCenter,
            painter->fontMetrics().elidedText(m_kindName, Qt::ElideRight, int(kindRect.width())));
    }

    if (m_decoration.down) {
        painter->setPen(QPen(style.error, 2.5, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(iconRect.topLeft() + QPointF(2, 2),
                          iconRect.bottomRight() - QPointF(2, 2));
        painter->drawLine(iconRect.topRight() + QPointF(-2, 2),
                          iconRect.bottomLeft() + QPointF(2, -2));
    }
    if (!m_decoration.caption.isEmpty()) {
        QFont captionFont = labelFont;
        captionFont.setWeight(QFont::Normal);
        captionFont.setPointSizeF(readablePointSize(8, lod));
        painter->setFont(captionFont);
        painter->setPen(style.subtleText);
        painter->drawText(QRectF(card.left() - 30, card.bottom() + 2, card.width() + 60,
                                 painter->fontMetrics().height() + 2),
                          Qt::AlignHCenter | Qt::AlignTop, m_decoration.caption);
    }

    // Link handle.
    painter->setPen(QPen(m_handleHovered ? style.accent : category, 1.5));
    painter->setBrush(m_handleHovered ? style.accent : style.nodeFill);
    painter->drawEllipse(handleRect());

    // Validation badge.
    if (hasProblems()) {
        const QRectF badge = badgeRect();
        painter->setPen(QPen(style.nodeFill, 1.5));
        painter->setBrush(m_errors.isEmpty() ? style.warning : style.error);
        painter->drawEllipse(badge);
        QFont badgeFont = labelFont;
        badgeFont.setPointSizeF(8.5);
        badgeFont.setWeight(QFont::Bold);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, QStringLiteral("!"));
    }
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    m_hovered = true;
    hoverMoveEvent(event);
}

void NodeItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    const bool onHandle = handleRect().adjusted(-3, -3, 3, 3).contains(event->pos());
    if (onHandle != m_handleHovered) {
        m_handleHovered = onHandle;
        setCursor(onHandle ? Qt::CrossCursor : Qt::ArrowCursor);
    }
    updateToolTip(event->pos());
    update();
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*) {
    m_hovered = false;
    m_handleHovered = false;
    unsetCursor();
    update();
}

void NodeItem::updateToolTip(QPointF itemPos) {
    if (hasProblems() &&
        (badgeRect().adjusted(-4, -4, 4, 4).contains(itemPos) || cardRect().contains(itemPos))) {
        QStringList lines;
        for (const auto& e : m_errors)
            lines << QStringLiteral("● ") + e;
        for (const auto& w : m_warnings)
            lines << QStringLiteral("▲ ") + w;
        setToolTip(lines.join(QLatin1Char('\n')));
    } else if (handleRect().adjusted(-3, -3, 3, 3).contains(itemPos)) {
        setToolTip(QObject::tr("Drag to another node to draw a link"));
    } else {
        setToolTip(QStringLiteral("%1 (%2)").arg(m_label, QString::fromStdString(m_id.value)));
    }
}

} // namespace sb::gui
