#include "render/TextLines.h"

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

} // namespace sb::render
