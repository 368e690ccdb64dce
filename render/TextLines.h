#pragma once

#include <QFontMetrics>
#include <QString>
#include <QStringList>

namespace sb::render {

/// `text` word-wrapped into at most `maxLines` lines of `width` pixels, the last one elided
/// (a word wider than a line is broken inside it). Used by the canvas's cards and the
/// welcome page's.
QStringList wrappedLines(const QString& text, const QFontMetrics& metrics, int width, int maxLines);

} // namespace sb::render
