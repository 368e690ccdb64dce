#pragma once

#include <QDialog>

class QMenuBar;

namespace sb::gui {

/// Help > Keyboard shortcuts: every menu command that has a shortcut, grouped by menu,
/// and the canvas's mouse and keyboard gestures.
class ShortcutsDialog final : public QDialog {
    Q_OBJECT

public:
    ShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);
};

} // namespace sb::gui
