#include "gui/live/SparklineDelegate.h"

#include "gui/live/HealthMatrixModel.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>

namespace sb::gui {

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    const auto values = index.data(HealthMatrixModel::kSparklineRole).value<QList<double>>();
    const QString text = index.data(Qt::DisplayRole).toString();
    const QRect r = option.rect.adjusted(4, 3, -4, -3);
    const int textWidth = 54;
    const QRectF plot(r.left(), r.top(), std::max(10, r.width() - textWidth - 4), r.height());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (values.size() > 1) {
        const double top = std::max(*std::max_element(values.begin(), values.end()),
                                    index.column() == HealthMatrixModel::Utilisation ? 1.0 : 1e-9);
        QPolygonF line;
        QPolygonF area;
        area << QPointF(plot.left(), plot.bottom());
        for (int i = 0; i < values.size(); ++i) {
            const QPointF p(plot.left() + plot.width() * i / (values.size() - 1),
                            plot.bottom() - plot.height() * std::clamp(values[i] / top, 0.0, 1.0));
            line << p;
            area << p;
        }
        area << QPointF(plot.right(), plot.bottom());
        const double last = values.back();
        QColor colour(0x1f, 0x9d, 0xd9);
        if (index.column() == HealthMatrixModel::Errors && last > 0)
            colour = QColor(0xe0, 0x3e, 0x3e);
        else if (index.column() == HealthMatrixModel::Utilisation && last >= 0.85)
            colour = QColor(0xe0, 0x3e, 0x3e);
        else if (index.column() == HealthMatrixModel::Utilisation && last >= 0.6)
            colour = QColor(0xe8, 0x9b, 0x1a);
        QColor fill = colour;
        fill.setAlpha(45);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawPolygon(area);
        painter->setPen(QPen(colour, 1.4));
        painter->setBrush(Qt::NoBrush);
        painter->drawPolyline(line);
    }
    painter->setPen(option.palette.color(
        option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(QRectF(r.right() - textWidth, r.top(), textWidth, r.height()),
                      Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(s.width(), 150), std::max(s.height(), 24)};
}

} // namespace sb::gui
