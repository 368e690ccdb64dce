#include "gui/canvas/LabelEditor.h"

#include <QKeyEvent>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>

namespace sb::gui {

LabelEditor::LabelEditor(const QString& text, const QRectF& sceneRect, const QColor& background)
    : m_background(background)
    , m_minimumWidth(sceneRect.width()) {
    setPlainText(text);
    setTextInteractionFlags(Qt::TextEditorInteraction);
    QFont f = font();
    f.setPointSizeF(9.5);
    f.setWeight(QFont::DemiBold);
    setFont(f);
    document()->setDocumentMargin(1);
    setPos(sceneRect.left() - 2, sceneRect.center().y() - boundingRect().height() / 2);
    setZValue(100);
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    setTextCursor(cursor);
}

QRectF LabelEditor::boundingRect() const {
    QRectF r = QGraphicsTextItem::boundingRect();
    r.setWidth(std::max(r.width(), m_minimumWidth));
    return r;
}

void LabelEditor::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                        QWidget* widget) {
    painter->setPen(QPen(QColor(0x3b, 0x82, 0xf6), 1.2));
    painter->setBrush(m_background);
    painter->drawRoundedRect(boundingRect(), 3, 3);
    QGraphicsTextItem::paint(painter, option, widget);
}

void LabelEditor::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        finish(true);
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        finish(false);
        return;
    }
    QGraphicsTextItem::keyPressEvent(event);
    prepareGeometryChange();
}

void LabelEditor::focusOutEvent(QFocusEvent* event) {
    QGraphicsTextItem::focusOutEvent(event);
    finish(true);
}

void LabelEditor::finish(bool accept) {
    if (m_finished)
        return;
    m_finished = true;
    if (accept)
        Q_EMIT committed(toPlainText().simplified());
    else
        Q_EMIT cancelled();
}

} // namespace sb::gui
