#pragma once

#include <QGraphicsTextItem>

namespace sb::gui {

/// Edits a node's label in place: Enter or clicking elsewhere commits, Escape cancels.
class LabelEditor final : public QGraphicsTextItem {
    Q_OBJECT

public:
    LabelEditor(const QString& text, const QRectF& sceneRect, const QColor& background);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

Q_SIGNALS:
    /// Emitted once: the new text, or nothing when cancelled.
    void committed(const QString& text);
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    void finish(bool accept);

    QColor m_background;
    double m_minimumWidth;
    bool m_finished = false;
};

} // namespace sb::gui
