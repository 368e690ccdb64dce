#pragma once

#include <QScrollArea> // complete, so the result converts to the QWidget* a dock takes

namespace sb::gui {

/// `body` in a frameless, resizable scroll area: a dock or page that would otherwise force
/// its whole height or width on the window scrolls instead, so the window fits a laptop.
QScrollArea* scrolling(QWidget* body);

} // namespace sb::gui
