#pragma once

#include <QColor>
#include <QPalette>
#include <string_view>

namespace sb::gui {

/// The colours the canvas paints with, derived from the application palette so the canvas
/// follows the light or dark theme.
struct CanvasStyle {
    bool dark = false;
    QColor background;
    QColor gridMinor;
    QColor gridMajor;
    QColor nodeFill;
    QColor nodeBorder;
    QColor text;
    QColor subtleText;
    QColor accent;
    QColor link;
    QColor dataCentreFill;
    QColor dataCentreBorder;
    QColor error;
    QColor warning;
    QColor accepted;

    static CanvasStyle fromPalette(const QPalette& palette);
    /// The colour of a palette category (Edge, Compute, Data, Async, Ops).
    static QColor categoryColour(std::string_view category);
};

} // namespace sb::gui
