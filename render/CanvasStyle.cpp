#include "render/CanvasStyle.h"

#include <QLineF>
#include <cmath>

namespace sb::render {

CanvasStyle CanvasStyle::fromPalette(const QPalette& palette) {
    CanvasStyle s;
    s.dark = palette.color(QPalette::Window).lightness() < 128;
    if (s.dark) {
        s.background = QColor(0x1e, 0x21, 0x27);
        s.gridMinor = QColor(0x27, 0x2b, 0x33);
        s.gridMajor = QColor(0x31, 0x36, 0x40);
        s.nodeFill = QColor(0x2b, 0x30, 0x3a);
        s.nodeBorder = QColor(0x45, 0x4c, 0x59);
        s.text = QColor(0xe8, 0xea, 0xee);
        s.subtleText = QColor(0x9a, 0xa3, 0xb2);
        s.link = QColor(0x8b, 0x95, 0xa7);
        s.dataCentreFill = QColor(0x5b, 0x8d, 0xef, 28);
        s.dataCentreBorder = QColor(0x5b, 0x8d, 0xef, 150);
    } else {
        s.background = QColor(0xf7, 0xf8, 0xfa);
        s.gridMinor = QColor(0xec, 0xee, 0xf2);
        s.gridMajor = QColor(0xdc, 0xe0, 0xe7);
        s.nodeFill = QColor(0xff, 0xff, 0xff);
        s.nodeBorder = QColor(0xc9, 0xcf, 0xd8);
        s.text = QColor(0x1f, 0x24, 0x2d);
        s.subtleText = QColor(0x6b, 0x73, 0x80);
        s.link = QColor(0x70, 0x7a, 0x8a);
        s.dataCentreFill = QColor(0x2f, 0x6f, 0xe0, 16);
        s.dataCentreBorder = QColor(0x2f, 0x6f, 0xe0, 120);
    }
    s.accent = palette.color(QPalette::Highlight);
    s.error = QColor(0xe0, 0x3e, 0x3e);
    s.warning = QColor(0xe8, 0x9b, 0x1a);
    s.accepted = QColor(0x2e, 0xa4, 0x4f);
    return s;
}

CanvasStyle CanvasStyle::light() {
    QPalette palette(QColor(0xef, 0xef, 0xef), QColor(0xfa, 0xfa, 0xfa));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x20, 0x20, 0x20));
    palette.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    return fromPalette(palette);
}

QColor CanvasStyle::categoryColour(std::string_view category) {
    if (category == "Edge")
        return QColor(0x3b, 0x82, 0xf6);
    if (category == "Compute")
        return QColor(0x10, 0xa3, 0x7f);
    if (category == "Data")
        return QColor(0xe8, 0x7b, 0x1e);
    if (category == "Async")
        return QColor(0x8b, 0x5c, 0xf6);
    if (category == "Ops")
        return QColor(0x64, 0x74, 0x8b);
    return QColor(0x94, 0xa3, 0xb8);
}

double levelOfDetail(const QTransform& worldTransform) {
    if (worldTransform.type() <= QTransform::TxTranslate)
        return 1;
    // The square root of the area a unit square covers once transformed.
    const QLineF across = worldTransform.map(QLineF(0, 0, 1, 0));
    const QLineF down = worldTransform.map(QLineF(0, 0, 0, 1));
    return std::sqrt(across.length() * down.length());
}

} // namespace sb::render
