#pragma once

#include <QAbstractButton>
#include <QString>

namespace sb::gui {

/// A card on the welcome page: a badge (a step number or a file's initial), a title and a
/// line of detail. Opens with a single click, or Enter or Space when it has the focus.
class WelcomeCard final : public QAbstractButton {
    Q_OBJECT

public:
    WelcomeCard(QString badge, QString title, QString detail, QWidget* parent = nullptr);

    QString title() const { return m_title; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QString m_badge;
    QString m_title;
    QString m_detail;
};

} // namespace sb::gui
