#pragma once

#include <QStyledItemDelegate>

namespace sb::gui {

/// Paints a cell as a small line of its recent values (HealthMatrixModel::kSparklineRole)
/// with the current value beside it.
class SparklineDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace sb::gui
