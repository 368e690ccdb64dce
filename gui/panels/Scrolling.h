#pragma once

class QScrollArea;
class QWidget;

namespace sb::gui {

/// `body` in a frameless, resizable scroll area: a dock or page that would otherwise force
/// its whole height or width on the window scrolls instead, so the window fits a laptop.
QScrollArea* scrolling(QWidget* body);

} // namespace sb::gui
