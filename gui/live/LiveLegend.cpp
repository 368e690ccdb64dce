#include "gui/live/LiveLegend.h"

#include "gui/live/NodeOverlay.h"

#include <QPainter>

namespace sb::gui {

LiveLegend::LiveLegend(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("liveLegend"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    resize(sizeHint());
}

QSize LiveLegend::sizeHint() const {
    return {560, 30};
}

void LiveLegend::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor back = palette().color(QPalette::Window);
    QColor fill = back;
    fill.setAlpha(225);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(fill);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    QFont font = p.font();
    font.setPointSizeF(8);
    p.setFont(font);
    const QColor text = palette().color(QPalette::WindowText);
    double x = 10;
    const double mid = height() / 2.0;
    auto label = [&](const QString& s) {
        p.setPen(text);
        const double w = p.fontMetrics().horizontalAdvance(s);
        p.drawText(QRectF(x, 0, w + 2, height()), Qt::AlignVCenter | Qt::AlignLeft, s);
        x += w + 12;
    };
    label(tr("Load"));
    x -= 6;
    for (const auto& [u, name] :
         {std::pair{0.3, tr("<60%")}, std::pair{0.7, tr("<85%")}, std::pair{0.9, tr("≥85%")}}) {
        p.setPen(QPen(NodeOverlay::loadColour(u), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(x, mid - 6, 18, 12), 4, 4);
        x += 22;
        label(name);
    }
    p.setPen(QPen(QColor(0x1f, 0x9d, 0xd9), 7, Qt::SolidLine, Qt::RoundCap));
    p.drawPoint(QPointF(x + 3, mid));
    x += 10;
    label(tr("served"));
    p.setPen(QPen(QColor(0xe0, 0x3e, 0x3e), 7, Qt::SolidLine, Qt::RoundCap));
    p.drawPoint(QPointF(x + 3, mid));
    x += 10;
    label(tr("failed"));
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x8b, 0x5c, 0xf6));
    p.drawRoundedRect(QRectF(x, mid - 8, 5, 16), 2, 2);
    x += 9;
    label(tr("queue"));
    p.setPen(QPen(QColor(0xe0, 0x3e, 0x3e), 2.5, Qt::DashLine));
    p.drawLine(QPointF(x, mid), QPointF(x + 22, mid));
    x += 26;
    label(tr("cut / down"));
}

} // namespace sb::gui
