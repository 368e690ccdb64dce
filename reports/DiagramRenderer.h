#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "render/DiagramPainter.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <functional>
#include <string>

class QPainter;

namespace sb::reports {

/// The design with control characters taken out of every text a picture of it shows: SVG
/// (XML) cannot hold them, and no picture shows them.
design::Design printable(design::Design design);

/// Draws a design the way the designer's canvas shows it (render::DiagramPainter: the
/// canvas's cards, icons, links and data-centre containers, in the light theme, nothing
/// selected) without a window: into an image, an SVG document with its text as text, or a
/// PDF page. Needs a QGuiApplication.
class DiagramRenderer {
public:
    DiagramRenderer(const design::Design& design, const design::DescriptorCatalog& catalog);

    /// The canvas area drawn: everything in the design plus a margin.
    QRectF sourceRect() const;
    /// The size of an image at `scale` pixels per canvas unit.
    QSize imageSize(double scale) const;

    void render(QPainter* painter, const QRectF& target) const;
    /// Fills `target` with the background and calls `draw` with the painter mapping
    /// sourceRect() into it (keeping its aspect ratio): render() draws the design this
    /// way, a run animation its live scene.
    void renderWith(QPainter* painter, const QRectF& target,
                    const std::function<void(QPainter&)>& draw) const;
    QImage image(double scale) const;
    QByteArray svg() const;

    /// Each returns an empty string on success, else the reason.
    std::string writePng(const std::string& path, double scale) const;
    std::string writeSvg(const std::string& path) const;
    std::string writePdf(const std::string& path) const;
    /// Writes png, svg or pdf by name.
    std::string write(const std::string& format, const std::string& path, double scale) const;

private:
    std::string m_name;
    render::DiagramPainter m_painter;
};

/// Writes bytes to `path` through design::writeFileAtomically (never half a file, never a
/// replaced device or link); returns an empty string on success, else the reason.
std::string writeBytes(const std::string& path, const QByteArray& bytes);

} // namespace sb::reports
