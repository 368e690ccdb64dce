#include "render/DataCentreBox.h"

#include "design/Geometry.h"

#include <QPainter>

namespace sb::render {

namespace {

constexpr double kGrip = 16;

} // namespace

DataCentreBox DataCentreBox::of(const design::Design& design, const design::DataCentre& dc) {
    const design::Box b = design::dataCentreBox(design, dc);
    return {QRectF(b.x, b.y, b.width, b.height), QString::fromStdString(dc.shownName()),
            QString::fromStdString(dc.region)};
}

QRectF DataCentreBox::headerRect() const {
    return {area.left(), area.top(), area.width(), design::kDataCentreHeader};
}

QRectF DataCentreBox::gripRect() const {
    return {area.right() - kGrip, area.bottom() - kGrip, kGrip, kGrip};
}

void DataCentreBox::paint(QPainter& painter, const CanvasStyle& style, double lod,
                          const DataCentreState& state) const {
    painter.setRenderHint(QPainter::Antialiasing);
    QColor border = state.selected ? style.accent : style.dataCentreBorder;
    QColor fill = style.dataCentreFill;
    if (state.dropTarget) {
        border = style.accepted;
        fill = style.accepted;
        fill.setAlpha(36);
    }
    painter.setPen(QPen(border, state.selected || state.dropTarget ? 2 : 1.2, Qt::DashLine));
    painter.setBrush(fill);
    painter.drawRoundedRect(area, 12, 12);

    // Header: name, then region.
    QFont titleFont = painter.font();
    titleFont.setPointSizeF(readablePointSize(10, lod));
    titleFont.setWeight(QFont::DemiBold);
    painter.setFont(titleFont);
    painter.setPen(style.text);
    const QRectF header = headerRect().adjusted(14, 0, -14, 0);
    painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, title);
    const double titleWidth = painter.fontMetrics().horizontalAdvance(title);
    QFont regionFont = titleFont;
    regionFont.setPointSizeF(readablePointSize(8.5, lod));
    regionFont.setWeight(QFont::Normal);
    painter.setFont(regionFont);
    painter.setPen(style.subtleText);
    painter.drawText(header.adjusted(titleWidth + 10, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("· ") + region);

    // Resize grip: three short diagonal strokes.
    const QRectF grip = gripRect();
    painter.setPen(QPen(border, 1.2));
    for (int i = 1; i <= 3; ++i) {
        const double d = i * 4.0;
        painter.drawLine(QPointF(grip.right() - d, grip.bottom() - 2),
                         QPointF(grip.right() - 2, grip.bottom() - d));
    }
}

} // namespace sb::render
