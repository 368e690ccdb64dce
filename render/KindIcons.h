#pragma once

#include <QIcon>
#include <string>

class QSvgRenderer;

namespace sb::render {

/// The SVG icons of the component kinds (resources/icons/<iconName>.svg), loaded once and
/// shared: as QIcon for lists and menus, as a renderer for crisp drawing at any zoom.
/// An icon name with no file gets the generic "unknown" icon.
class KindIcons {
public:
    static QIcon icon(const std::string& iconName);
    static QSvgRenderer& renderer(const std::string& iconName);
    /// True when resources/icons holds an icon of this name.
    static bool exists(const std::string& iconName);
};

} // namespace sb::render
