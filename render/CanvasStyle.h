#pragma once

#include <QColor>
#include <QPalette>
#include <QTransform>
#include <algorithm>
#include <string_view>

namespace sb::render {

/// The colours a design is painted with, derived from a palette so the canvas follows the
/// light or dark theme.
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
    /// The light theme, whatever the application's: pictures, exports and reports.
    static CanvasStyle light();
    /// The colour of a palette category (Edge, Compute, Data, Async, Ops).
    static QColor categoryColour(std::string_view category);
};

/// Below this level of detail the canvas is zoomed out: cards are drawn simpler and text
/// grows (semantic zoom).
inline constexpr double kZoomedOutBelow = 0.9;
/// The smallest text size on screen, in points, while zoomed out.
inline constexpr double kReadablePoints = 9;
/// Below this level of detail cards are plain blocks (an overview, the minimap) and text
/// is not grown: it would cover the picture.
inline constexpr double kBlocksBelow = 0.35;

/// A text size in points for a level of detail: `points` as designed, grown while zoomed
/// out so the text keeps at least kReadablePoints on screen.
inline double readablePointSize(double points, double lod) {
    return lod < kZoomedOutBelow && lod >= kBlocksBelow ? std::max(points, kReadablePoints / lod)
                                                        : points;
}

/// The level of detail (screen pixels per canvas unit) a painter's transform draws at,
/// computed as QGraphicsItem painting computes it.
double levelOfDetail(const QTransform& worldTransform);

} // namespace sb::render
