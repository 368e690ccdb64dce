#include "gui/window/WelcomeCard.h"

#include "render/TextLines.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>

namespace sb::gui {

namespace {

constexpr int kWidth = 300;
constexpr int kHeight = 92;
constexpr int kBadge = 34;
constexpr int kPad = 12;

} // namespace

WelcomeCard::WelcomeCard(QString badge, QString title, QString detail, QWidget* parent)
    : QAbstractButton(parent)
    , m_badge(std::move(badge))
    , m_title(std::move(title))
    , m_detail(std::move(detail)) {
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
    setAccessibleName(m_title);
    setAccessibleDescription(m_detail);
}

QSize WelcomeCard::sizeHint() const {
    return {kWidth, kHeight};
}

void WelcomeCard::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        click();
        return;
    }
    QAbstractButton::keyPressEvent(event);
}

void WelcomeCard::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const bool active = underMouse() || hasFocus();
    const QRectF card = QRectF(rect()).adjusted(1, 1, -1, -1);
    painter.setPen(
        QPen(active ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), active ? 2 : 1));
    painter.setBrush(isDown() ? pal.color(QPalette::AlternateBase) : pal.color(QPalette::Base));
    painter.drawRoundedRect(card, 10, 10);

    const QRectF badge(kPad, kPad, kBadge, kBadge);
    painter.setPen(Qt::NoPen);
    painter.setBrush(pal.color(QPalette::Highlight));
    painter.drawEllipse(badge);
    QFont badgeFont = font();
    badgeFont.setWeight(QFont::Bold);
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 1.1);
    painter.setFont(badgeFont);
    painter.setPen(pal.color(QPalette::HighlightedText));
    painter.drawText(badge, Qt::AlignCenter, m_badge);

    const int left = kPad * 2 + kBadge;
    const int textWidth = width() - left - kPad;
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    painter.setFont(titleFont);
    painter.setPen(pal.color(QPalette::Text));
    const QFontMetrics titleMetrics(titleFont);
    painter.drawText(QPointF(left, kPad + titleMetrics.ascent()),
                     titleMetrics.elidedText(m_title, Qt::ElideRight, textWidth));

    QFont detailFont = font();
    detailFont.setPointSizeF(detailFont.pointSizeF() * 0.92);
    painter.setFont(detailFont);
    painter.setPen(pal.color(QPalette::PlaceholderText));
    const QFontMetrics detailMetrics(detailFont);
    double y = kPad + titleMetrics.height() + 4 + detailMetrics.ascent();
    const int lines = std::max(1, (height() - int(y) - kPad / 2) / detailMetrics.lineSpacing() + 1);
    for (const QString& line : render::wrappedLines(m_detail, detailMetrics, textWidth, lines)) {
        painter.drawText(QPointF(left, y), line);
        y += detailMetrics.lineSpacing();
    }
}

} // namespace sb::gui
