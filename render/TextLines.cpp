#include "render/TextLines.h"

#include <algorithm>

namespace sb::render {

QStringList wrappedLines(const QString& text, const QFontMetrics& metrics, int width,
                         int maxLines) {
    QStringList out;
    QString rest = text.simplified();
    while (!rest.isEmpty() && out.size() < maxLines) {
        if (out.size() == maxLines - 1) {
            out << metrics.elidedText(rest, Qt::ElideRight, width);
            break;
        }
        int cut = int(rest.size());
        while (cut > 0 && metrics.horizontalAdvance(rest.left(cut)) > width) {
            const qsizetype space = rest.lastIndexOf(QLatin1Char(' '), cut - 1);
            cut = space > 0 ? int(space) : cut - 1;
        }
        if (cut <= 0)
            cut = 1;
        out << rest.left(cut);
        rest = rest.mid(cut).trimmed();
    }
    return out;
}

QFont fittingFont(const QFont& font, const QString& text, int width, const QPaintDevice* device,
                  double minScale) {
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const auto widest = [&words, device](const QFont& f) {
        const QFontMetrics m = device ? QFontMetrics(f, device) : QFontMetrics(f);
        int w = 0;
        for (const QString& word : words)
            w = std::max(w, m.horizontalAdvance(word));
        return w;
    };
    const double size = font.pointSizeF();
    QFont out = font;
    for (int step = 1; size > 0 && widest(out) > width && 1.0 - 0.05 * step >= minScale - 1e-9;
         ++step)
        out.setPointSizeF(size * (1.0 - 0.05 * step));
    return out;
}

} // namespace sb::render
