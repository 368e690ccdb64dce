#pragma once

#include <QByteArray>

namespace sb::gui {

/// The built-in design Scaleboard opens when started without a file (JSON design format).
QByteArray defaultDesignJson();

} // namespace sb::gui
