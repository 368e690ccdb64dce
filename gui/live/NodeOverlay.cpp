#include "gui/live/NodeOverlay.h"

#include "gui/document/DesignDocument.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

namespace sb::gui {

namespace {

constexpr double kWidth = DesignDocument::kNodeWidth;
constexpr double kHeight = DesignDocument::kNodeHeight;
constexpr double kFlashMs = 1800;
constexpr double kQueueScale = 1000; // a full bar
constexpr double kBadgeHeight = 17;
constexpr double kRiseMs = 1600;
constexpr double kRiseHeight = 70;
constexpr double kPulseMs = 900;

QRectF card() {
    return {-kWidth / 2, -kHeight / 2, kWidth, kHeight};
}

/// A rounded label in white on `colour`, centred on `topCentre`'s x, both faded to `opacity`.
void drawPill(QPainter* painter, const QString& text, QPointF topCentre, double height,
              QColor colour, double opacity) {
    const double w = painter->fontMetrics().horizontalAdvance(text) + height * 0.7;
    const QRectF pill(topCentre.x() - w / 2, topCentre.y(), w, height);
    colour.setAlphaF(opacity);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(pill, height / 2, height / 2);
    QColor ink = Qt::white;
    ink.setAlphaF(opacity);
    painter->setPen(ink);
    painter->drawText(pill, Qt::AlignCenter, text);
}

QColor toneColour(NodeBadge::Tone tone) {
    switch (tone) {
    case NodeBadge::Tone::Error:
        return QColor(0xd9, 0x36, 0x36);
    case NodeBadge::Tone::Warning:
        return QColor(0xd9, 0x8a, 0x0b);
    case NodeBadge::Tone::Info:
        break;
    }
    return QColor(0x3a, 0x6f, 0xd8);
}

} // namespace

NodeOverlay::NodeOverlay(QGraphicsItem* nodeItem)
    : QGraphicsItem(nodeItem) {
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemIgnoresParentOpacity);
}

QColor NodeOverlay::loadColour(double utilisation) {
    if (utilisation < 0.6)
        return QColor(0x2e, 0xa4, 0x4f);
    if (utilisation < 0.85)
        return QColor(0xe8, 0x9b, 0x1a);
    return QColor(0xe0, 0x3e, 0x3e);
}

void NodeOverlay::setUtilisation(std::optional<double> utilisation) {
    if (utilisation == m_utilisation)
        return;
    const bool bandChanged = !utilisation || !m_utilisation ||
                             loadColour(*utilisation) != loadColour(*m_utilisation) ||
                             std::abs(*utilisation - *m_utilisation) > 0.02;
    m_utilisation = utilisation;
    if (bandChanged)
        update();
}

void NodeOverlay::setQueue(double queue) {
    if (std::abs(queue - m_queue) < 0.5)
        return;
    m_queue = queue;
    update();
}

void NodeOverlay::setBadges(const QList<NodeBadge>& badges) {
    if (badges == m_badges)
        return;
    m_badges = badges;
    update();
}

void NodeOverlay::flash(const QColor& colour, const QString& text) {
    m_flashColour = colour;
    m_flashText = text;
    m_flashClock.start();
    update();
}

bool NodeOverlay::isFlashing() const {
    return m_flashClock.isValid() && m_flashClock.elapsed() < kFlashMs;
}

void NodeOverlay::setPulse(std::optional<QColor> colour) {
    if (colour == m_pulse)
        return;
    m_pulse = colour;
    if (m_pulse && !m_pulseClock.isValid())
        m_pulseClock.start();
    update();
}

void NodeOverlay::rise(const QString& text, const QColor& colour) {
    prepareGeometryChange();
    m_risers.push_back({text, colour, {}});
    m_risers.back().clock.start();
    update();
}

bool NodeOverlay::animate() {
    const bool flashing = m_flashClock.isValid();
    if (flashing && m_flashClock.elapsed() >= kFlashMs)
        m_flashClock.invalidate();
    if (!m_risers.empty() && m_risers.front().clock.elapsed() >= kRiseMs) {
        prepareGeometryChange();
        std::erase_if(m_risers, [](const Riser& r) { return r.clock.elapsed() >= kRiseMs; });
    }
    const bool busy = m_flashClock.isValid() || m_pulse || !m_risers.empty();
    if (busy || flashing)
        update();
    return busy;
}

QRectF NodeOverlay::boundingRect() const {
    const double above = m_risers.empty() ? kBadgeHeight + 46 : kBadgeHeight + kRiseHeight + 40;
    return card().adjusted(-60, -above, 60, 40);
}

QPainterPath NodeOverlay::shape() const {
    return {};
}

void NodeOverlay::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF c = card();

    if (m_utilisation) {
        const QColor ring = loadColour(*m_utilisation);
        painter->setPen(QPen(ring, lod < 0.35 ? 8 : 3));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(c.adjusted(-3, -3, 3, 3), 10, 10);
    }
    if (lod >= 0.35) {
        // Queue: a thin bar standing to the right of the link handle.
        const QRectF track(c.right() + 12, c.top() + 4, 5, c.height() - 8);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x94, 0xa3, 0xb8, 90));
        painter->drawRoundedRect(track, 2, 2);
        if (m_queue >= 0.5) {
            const double fill =
                std::clamp(std::log10(1 + m_queue) / std::log10(1 + kQueueScale), 0.08, 1.0);
            QRectF bar = track;
            bar.setTop(track.bottom() - track.height() * fill);
            painter->setBrush(m_queue > 100 ? QColor(0xe0, 0x3e, 0x3e) : QColor(0x8b, 0x5c, 0xf6));
            painter->drawRoundedRect(bar, 2, 2);
        }

        // Badges in a row above the card.
        QFont font = painter->font();
        font.setPointSizeF(7.5);
        font.setWeight(QFont::DemiBold);
        painter->setFont(font);
        double x = c.left() + 2;
        const double y = c.top() - kBadgeHeight - 4;
        for (const NodeBadge& b : m_badges) {
            const double w = painter->fontMetrics().horizontalAdvance(b.text) + 12;
            if (x + w > c.right() + 40)
                break;
            const QRectF pill(x, y, w, kBadgeHeight);
            painter->setPen(Qt::NoPen);
            painter->setBrush(toneColour(b.tone));
            painter->drawRoundedRect(pill, kBadgeHeight / 2, kBadgeHeight / 2);
            painter->setPen(Qt::white);
            painter->drawText(pill, Qt::AlignCenter, b.text);
            x += w + 4;
        }
    }

    if (m_pulse) {
        // A halo breathing about once a second: brighter and wider, then fainter.
        const double phase = double(m_pulseClock.elapsed() % qint64(kPulseMs)) / kPulseMs;
        const double strength = 0.5 - 0.5 * std::cos(phase * 2 * M_PI);
        QColor colour = *m_pulse;
        colour.setAlphaF(0.25 + 0.55 * strength);
        const double grow = 4 + 10 * strength;
        painter->setPen(QPen(colour, 6));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(c.adjusted(-grow, -grow, grow, grow), 10 + grow / 2,
                                 10 + grow / 2);
    }
    for (const Riser& r : m_risers) {
        const double t = std::clamp(double(r.clock.elapsed()) / kRiseMs, 0.0, 1.0);
        QFont font = painter->font();
        font.setPointSizeF(13);
        font.setWeight(QFont::Black);
        painter->setFont(font);
        drawPill(painter, r.text, QPointF(0, c.top() - kBadgeHeight - 30 - kRiseHeight * t), 26,
                 r.colour, std::clamp(1.15 - t, 0.0, 1.0));
    }

    if (isFlashing()) {
        const double t = double(m_flashClock.elapsed()) / kFlashMs;
        QColor colour = m_flashColour;
        colour.setAlphaF(std::clamp(1.0 - t, 0.0, 1.0) * 0.9);
        const double grow = 4 + 30 * t;
        painter->setPen(QPen(colour, 5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(c.adjusted(-grow, -grow, grow, grow), 10 + grow / 2,
                                 10 + grow / 2);
        if (!m_flashText.isEmpty()) {
            QFont font = painter->font();
            font.setPointSizeF(10);
            font.setWeight(QFont::Bold);
            painter->setFont(font);
            drawPill(painter, m_flashText, QPointF(c.center().x(), c.bottom() + 4), 20,
                     m_flashColour, std::clamp(1.2 - t, 0.0, 1.0));
        }
    }
}

} // namespace sb::gui
