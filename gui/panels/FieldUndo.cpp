#include "gui/panels/FieldUndo.h"

#include <QEvent>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLineEdit>

namespace sb::gui {

namespace {

class UndoPassThrough final : public QObject {
public:
    explicit UndoPassThrough(QLineEdit* edit)
        : QObject(edit)
        , m_edit(edit) {}

    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == m_edit && event->type() == QEvent::ShortcutOverride &&
            !m_edit->isModified()) {
            const auto* key = static_cast<QKeyEvent*>(event);
            if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo))
                return true; // not claimed by the field: the window's shortcut runs
        }
        return false;
    }

private:
    QLineEdit* m_edit;
};

} // namespace

void passUndoToWindow(QLineEdit* edit) {
    edit->installEventFilter(new UndoPassThrough(edit));
}

} // namespace sb::gui
