#pragma once

#include <QFont>
#include <QFontMetrics>
#include <QString>
#include <QStringList>

namespace sb::render {

/// `text` word-wrapped into at most `maxLines` lines of `width` pixels, the last one elided
/// (a word wider than a line is broken inside it). Used by the canvas's cards and the
/// welcome page's.
QStringList wrappedLines(const QString& text, const QFontMetrics& metrics, int width, int maxLines);

/// `font` made smaller, in steps of 5% down to `minScale` of its size, until every word of
/// `text` fits in `width` pixels (measured for `device`, the screen when null): a card's
/// one-word label then stays whole rather than be broken inside the word. Unchanged when
/// the words fit already, or when the font has no point size.
QFont fittingFont(const QFont& font, const QString& text, int width, const QPaintDevice* device,
                  double minScale = 0.75);

} // namespace sb::render
