#pragma once

#include "gui/window/Autosaver.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace sb::gui {

/// A bar across the top of the window offering unsaved work a crashed session left.
class RecoveryBanner final : public QFrame {
    Q_OBJECT

public:
    explicit RecoveryBanner(QWidget* parent = nullptr);

    /// Shows the first leftover (and how many more there are); hides when empty.
    void offer(const QList<Autosaver::Leftover>& leftovers);
    QPushButton* recoverButton() const { return m_recover; }
    QPushButton* discardButton() const { return m_discard; }

Q_SIGNALS:
    void recoverRequested(const sb::gui::Autosaver::Leftover& leftover);
    void discardRequested(const sb::gui::Autosaver::Leftover& leftover);

private:
    QList<Autosaver::Leftover> m_leftovers;
    QLabel* m_text;
    QPushButton* m_recover;
    QPushButton* m_discard;
};

} // namespace sb::gui
