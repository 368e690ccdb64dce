#include "render/NodeCard.h"

#include "design/Geometry.h"
#include "render/KindIcons.h"
#include "render/TextLines.h"

#include <QObject>
#include <QPainter>
#include <QPainterPath>
#include <QSvgRenderer>
#include <algorithm>

namespace sb::render {

namespace {

constexpr double kWidth = design::kNodeWidth;
constexpr double kHeight = design::kNodeHeight;
constexpr double kPortRadius = 6;
constexpr double kBadgeRadius = 9;

/// Draws `text` word-wrapped into at most `lines` lines of `rect`, vertically centred,
/// the last line elided; a word wider than a line makes the font smaller (fittingFont).
void drawWrapped(QPainter& painter, const QRectF& rect, const QString& text, int lines) {
    painter.save();
    painter.setFont(fittingFont(painter.font(), text, int(rect.width()), painter.device()));
    const QFontMetrics metrics = painter.fontMetrics();
    const QStringList out = wrappedLines(text, metrics, int(rect.width()), lines);
    const double height = metrics.lineSpacing() * double(out.size());
    double y = rect.center().y() - height / 2 + metrics.ascent();
    for (const QString& line : out) {
        painter.drawText(QPointF(rect.left(), y), line);
        y += metrics.lineSpacing();
    }
    painter.restore();
}

QColor loadColour(double utilisation) {
    if (utilisation < 0.6)
        return QColor(0x2e, 0xa4, 0x4f);
    if (utilisation < 0.85)
        return QColor(0xe8, 0x9b, 0x1a);
    return QColor(0xe0, 0x3e, 0x3e);
}

} // namespace

NodeCard NodeCard::of(const design::Node& node, const design::DescriptorCatalog& catalog) {
    const design::ComponentDescriptor* d = catalog.find(node.kind);
    NodeCard card;
    card.label = QString::fromStdString(node.shownName());
    card.kindName = d ? QString::fromStdString(d->displayName)
                      : QObject::tr("Unknown kind “%1”").arg(QString::fromStdString(node.kind));
    card.iconName = d ? d->iconName : node.kind;
    card.category = d ? d->category : std::string();
    return card;
}

QRectF NodeCard::cardRect() {
    return {-kWidth / 2, -kHeight / 2, kWidth, kHeight};
}

QRectF NodeCard::portRect() {
    return {kWidth / 2 - kPortRadius, -kPortRadius, 2 * kPortRadius, 2 * kPortRadius};
}

QRectF NodeCard::badgeRect() {
    return {kWidth / 2 - kBadgeRadius - 2, -kHeight / 2 - kBadgeRadius + 2, 2 * kBadgeRadius,
            2 * kBadgeRadius};
}

QRectF NodeCard::bounds() const {
    QRectF r = cardRect().adjusted(-4, -kBadgeRadius - 2, kPortRadius + 4, 4);
    if (!decoration.caption.isEmpty())
        // Room for the caption at its largest (zoomed out).
        r |= QRectF(-kWidth / 2 - 30, kHeight / 2, kWidth + 60, 40);
    return r;
}

void NodeCard::paint(QPainter& painter, const CanvasStyle& style, double lod,
                     const CardState& state) const {
    const QColor categoryColour = CanvasStyle::categoryColour(category);
    const QRectF card = cardRect();
    painter.setRenderHint(QPainter::Antialiasing);

    if (lod < kBlocksBelow) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(state.selected ? style.accent : categoryColour);
        painter.drawRoundedRect(card, 8, 8);
        return;
    }

    // Card with a category strip on the left.
    QColor border = style.nodeBorder;
    double borderWidth = 1;
    if (state.linkTarget == CardState::LinkTarget::Accepts) {
        border = style.accepted;
        borderWidth = 2.5;
    } else if (state.linkTarget == CardState::LinkTarget::Refuses) {
        border = style.error;
        borderWidth = 2.5;
    } else if (state.selected) {
        border = style.accent;
        borderWidth = 2;
    } else if (state.hovered) {
        border = style.accent.lighter(style.dark ? 80 : 130);
    }
    if (state.selected) {
        QColor glow = style.accent;
        glow.setAlpha(50);
        painter.setPen(Qt::NoPen);
        painter.setBrush(glow);
        painter.drawRoundedRect(card.adjusted(-4, -4, 4, 4), 11, 11);
    }
    painter.setPen(QPen(border, borderWidth));
    painter.setBrush(decoration.down ? style.nodeFill.darker(style.dark ? 130 : 110)
                                     : style.nodeFill);
    painter.drawRoundedRect(card, 8, 8);
    {
        QPainterPath strip;
        strip.addRoundedRect(card, 8, 8);
        QPainterPath clip;
        clip.addRect(QRectF(card.left(), card.top(), 5, card.height()));
        painter.setPen(Qt::NoPen);
        painter.setBrush(categoryColour);
        painter.drawPath(strip.intersected(clip));
    }

    // Load fill along the bottom edge.
    if (decoration.utilisation) {
        const double u = std::clamp(*decoration.utilisation, 0.0, 1.0);
        const QRectF track(card.left() + 12, card.bottom() - 7, card.width() - 24, 3);
        painter.setBrush(style.gridMajor);
        painter.drawRoundedRect(track, 1.5, 1.5);
        painter.setBrush(loadColour(u));
        painter.drawRoundedRect(QRectF(track.topLeft(), QSizeF(track.width() * u, 3)), 1.5, 1.5);
    }

    // Icon, label, kind. Zoomed out, the card gets simpler and its label larger (semantic
    // zoom, readablePointSize), over up to two lines; the kind line (also in the canvas's
    // tooltip) makes way for it.
    const bool simple = lod < kZoomedOutBelow;
    const QRectF iconRect =
        simple ? QRectF(card.left() + 10, -12, 24, 24) : QRectF(card.left() + 13, -16, 32, 32);
    painter.setOpacity(decoration.down ? 0.4 : 1.0);
    KindIcons::renderer(iconName).render(&painter, iconRect);
    painter.setOpacity(1.0);
    QFont labelFont = painter.font();
    labelFont.setPointSizeF(readablePointSize(9.5, lod));
    labelFont.setWeight(QFont::DemiBold);
    painter.setFont(labelFont);
    painter.setPen(style.text);
    if (simple) {
        const QRectF labelRect(iconRect.right() + 6, card.top() + 3,
                               card.right() - iconRect.right() - 12, card.height() - 6);
        drawWrapped(painter, labelRect, label, 2);
    } else {
        const QRectF labelRect(card.left() + 52, card.top() + 9, card.width() - 62, 20);
        painter.drawText(
            labelRect, Qt::AlignLeft | Qt::AlignVCenter,
            painter.fontMetrics().elidedText(label, Qt::ElideRight, int(labelRect.width())));
        QFont kindFont = labelFont;
        kindFont.setPointSizeF(8);
        kindFont.setWeight(QFont::Normal);
        painter.setFont(kindFont);
        painter.setPen(style.subtleText);
        const QRectF kindRect(card.left() + 52, card.top() + 28, card.width() - 62, 16);
        painter.drawText(
            kindRect, Qt::AlignLeft | Qt::AlignVCenter,
            painter.fontMetrics().elidedText(kindName, Qt::ElideRight, int(kindRect.width())));
    }

    if (decoration.down) {
        painter.setPen(QPen(style.error, 2.5, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(iconRect.topLeft() + QPointF(2, 2),
                         iconRect.bottomRight() - QPointF(2, 2));
        painter.drawLine(iconRect.topRight() + QPointF(-2, 2),
                         iconRect.bottomLeft() + QPointF(2, -2));
    }
    if (!decoration.caption.isEmpty()) {
        QFont captionFont = labelFont;
        captionFont.setWeight(QFont::Normal);
        captionFont.setPointSizeF(readablePointSize(8, lod));
        painter.setFont(captionFont);
        painter.setPen(style.subtleText);
        painter.drawText(QRectF(card.left() - 30, card.bottom() + 2, card.width() + 60,
                                painter.fontMetrics().height() + 2),
                         Qt::AlignHCenter | Qt::AlignTop, decoration.caption);
    }

    // Output port.
    painter.setPen(QPen(state.portHovered ? style.accent : categoryColour, 1.5));
    painter.setBrush(state.portHovered ? style.accent : style.nodeFill);
    painter.drawEllipse(portRect());

    // Validation badge.
    if (badge != Badge::None) {
        const QRectF at = badgeRect();
        painter.setPen(QPen(style.nodeFill, 1.5));
        painter.setBrush(badge == Badge::Error ? style.error : style.warning);
        painter.drawEllipse(at);
        QFont badgeFont = labelFont;
        badgeFont.setPointSizeF(8.5);
        badgeFont.setWeight(QFont::Bold);
        painter.setFont(badgeFont);
        painter.setPen(Qt::white);
        painter.drawText(at, Qt::AlignCenter, QStringLiteral("!"));
    }
}

} // namespace sb::render
