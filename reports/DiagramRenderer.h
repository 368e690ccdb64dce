#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <memory>
#include <string>

class QPainter;

namespace sb::gui {
class DesignDocument;
class DesignScene;
} // namespace sb::gui

namespace sb::reports {

/// Draws a design the way the designer's canvas shows it (the same DesignScene, its icons,
/// labels and data-centre containers, in the light theme, nothing selected) without a
/// window: into an image, an SVG document with its text as text, or a PDF page.
/// Needs a QGuiApplication.
class DiagramRenderer {
public:
    DiagramRenderer(const design::Design& design, const design::DescriptorCatalog& catalog);
    ~DiagramRenderer();

    /// The canvas area drawn: everything in the design plus a margin.
    QRectF sourceRect() const;
    /// The size of an image at `scale` pixels per canvas unit.
    QSize imageSize(double scale) const;

    void render(QPainter* painter, const QRectF& target) const;
    /// The scene drawn (a run animation brings it to life with a gui::LiveCanvas).
    gui::DesignScene& scene() const { return *m_scene; }
    QImage image(double scale) const;
    QByteArray svg() const;

    /// Each returns an empty string on success, else the reason.
    std::string writePng(const std::string& path, double scale) const;
    std::string writeSvg(const std::string& path) const;
    std::string writePdf(const std::string& path) const;
    /// Writes png, svg or pdf by name.
    std::string write(const std::string& format, const std::string& path, double scale) const;

private:
    std::unique_ptr<gui::DesignDocument> m_document;
    std::unique_ptr<gui::DesignScene> m_scene;
};

/// Writes bytes to `path` through design::writeFileAtomically (never half a file, never a
/// replaced device or link); returns an empty string on success, else the reason.
std::string writeBytes(const std::string& path, const QByteArray& bytes);

} // namespace sb::reports
