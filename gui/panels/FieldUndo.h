#pragma once

class QLineEdit;

namespace sb::gui {

/// Lets Ctrl+Z and Ctrl+Shift+Z reach the window's undo and redo while `edit` has focus and
/// holds nothing uncommitted (right after Enter): the field would otherwise keep the keys
/// for its own text history and the design's last change could not be undone from there.
void passUndoToWindow(QLineEdit* edit);

} // namespace sb::gui
