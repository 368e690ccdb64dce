#include "reports/DiagramRenderer.h"

#include "design/AtomicFile.h"
#include "design/MarkupText.h"

#include "gui/canvas/CanvasStyle.h"
#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QBuffer>
#include <QFile>
#include <QGuiApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <cmath>

namespace sb::reports {

namespace {

constexpr double kMargin = 24;
constexpr double kMaxPngPixels = 256e6;

/// The design with control characters taken out of every text the diagram shows: SVG
/// (XML) cannot hold them, and no picture shows them.
design::Design printable(design::Design d) {
    d.name = design::withoutControlCharacters(d.name);
    for (auto& dc : d.datacentres) {
        dc.label = design::withoutControlCharacters(dc.label);
        dc.region = design::withoutControlCharacters(dc.region);
    }
    for (auto& n : d.nodes)
        n.label = design::withoutControlCharacters(n.label);
    return d;
}

} // namespace

std::string writeBytes(const std::string& path, const QByteArray& bytes) {
    return design::writeFileAtomically(
        path, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

DiagramRenderer::DiagramRenderer(const design::Design& design,
                                 const design::DescriptorCatalog& catalog)
    : m_document(std::make_unique<gui::DesignDocument>(catalog)) {
    m_document->reset(printable(design));
    m_scene = std::make_unique<gui::DesignScene>(*m_document);
    // Drawn whole, once: a spatial index only costs here (and degenerates when many items
    // overlap, as a large design's links do), so items are kept in a plain list.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    QPalette light(QColor(0xef, 0xef, 0xef), QColor(0xfa, 0xfa, 0xfa));
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, QColor(0x20, 0x20, 0x20));
    light.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    m_scene->setCanvasStyle(gui::CanvasStyle::fromPalette(light));
    m_scene->clearSelection();
}

DiagramRenderer::~DiagramRenderer() {
    m_scene.reset(); // the scene reads the document
}

QRectF DiagramRenderer::sourceRect() const {
    QRectF bounds = m_scene->designBounds();
    if (bounds.isEmpty())
        bounds = QRectF(0, 0, 320, 200);
    return bounds.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

QSize DiagramRenderer::imageSize(double scale) const {
    const QRectF source = sourceRect();
    return {static_cast<int>(std::ceil(source.width() * scale)),
            static_cast<int>(std::ceil(source.height() * scale))};
}

void DiagramRenderer::render(QPainter* painter, const QRectF& target) const {
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->fillRect(target, m_scene->canvasStyle().background);
    m_scene->render(painter, target, sourceRect(), Qt::KeepAspectRatio);
    painter->restore();
}

QImage DiagramRenderer::image(double scale) const {
    QImage image(imageSize(scale), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    render(&painter, QRectF(QPointF(0, 0), QSizeF(image.size())));
    return image;
}

QByteArray DiagramRenderer::svg() const {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QRectF source = sourceRect();
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    // QSvgGenerator writes the title into <title> as it is given: escape it here.
    generator.setTitle(QString::fromStdString(design::markupEscaped(m_document->design().name)));
    generator.setDescription(QStringLiteral("Scaleboard design diagram"));
    QPainter painter(&generator);
    render(&painter, QRectF(QPointF(0, 0), source.size()));
    painter.end();
    return bytes;
}

std::string DiagramRenderer::writePng(const std::string& path, double scale) const {
    // A picture held in memory whole: refuse one that would take more than about 1 GB
    // (QImage's own limit is lower still) rather than fail or swap half way.
    const QSize size = imageSize(scale);
    const double pixels = double(size.width()) * double(size.height());
    if (pixels > kMaxPngPixels)
        return "the diagram would be " + std::to_string(size.width()) + " x " +
               std::to_string(size.height()) +
               " pixels, more than a PNG can be drawn in (256 megapixels): export it as SVG "
               "or PDF, or use a smaller --scale";
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image(scale).save(&buffer, "PNG"))
        return "cannot encode the PNG image";
    return writeBytes(path, bytes);
}

std::string DiagramRenderer::writeSvg(const std::string& path) const {
    return writeBytes(path, svg());
}

std::string DiagramRenderer::writePdf(const std::string& path) const {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        const QRectF source = sourceRect();
        QPdfWriter writer(&buffer);
        writer.setResolution(96);
        writer.setPageSize(QPageSize(source.size() * 72.0 / 96.0, QPageSize::Point,
                                     QStringLiteral("Diagram"), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(QString::fromStdString(m_document->design().name));
        writer.setCreator(QStringLiteral("Scaleboard"));
        QPainter painter(&writer);
        render(&painter, QRectF(QPointF(0, 0), source.size()));
    }
    return writeBytes(path, bytes);
}

std::string DiagramRenderer::write(const std::string& format, const std::string& path,
                                   double scale) const {
    if (format == "png")
        return writePng(path, scale);
    if (format == "svg")
        return writeSvg(path);
    if (format == "pdf")
        return writePdf(path);
    return "unknown picture format '" + format + "' (png, svg or pdf)";
}

} // namespace sb::reports
