#pragma once

#include <QColor>
#include <QPalette>
#include <algorithm>
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

/// Below this level of detail the canvas is zoomed out: cards are drawn simpler and text
/// grows (semantic zoom).
inline constexpr double kZoomedOutBelow = 0.9;
/// The smallest text size on screen, in points, while zoomed out.
inline constexpr double kReadablePoints = 9;

/// A text size in points for a level of detail: `points` as designed, grown while zoomed
/// out so the text keeps at least kReadablePoints on screen.
/// Below this level of detail cards are plain blocks (an overview, the minimap) and text
/// is not grown: it would cover the picture.
inline constexpr double kBlocksBelow = 0.35;

inline double readablePointSize(double points, double lod) {
    return lod < kZoomedOutBelow && lod >= kBlocksBelow ? std::max(points, kReadablePoints / lod)
                                                        : points;
}

} // namespace sb::gui
