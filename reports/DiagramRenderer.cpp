#include "reports/DiagramRenderer.h"

#include "design/AtomicFile.h"
#include "design/MarkupText.h"

#include <QBuffer>
#include <QFile>
#include <QGuiApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>

namespace sb::reports {

namespace {

constexpr double kMargin = 24;
constexpr double kMaxPngPixels = 256e6;

} // namespace

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

std::string writeBytes(const std::string& path, const QByteArray& bytes) {
    return design::writeFileAtomically(
        path, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

DiagramRenderer::DiagramRenderer(const design::Design& design,
                                 const design::DescriptorCatalog& catalog)
    : m_name(design::withoutControlCharacters(design.name))
    , m_painter(printable(design), catalog, render::CanvasStyle::light()) {}

QRectF DiagramRenderer::sourceRect() const {
    QRectF bounds = m_painter.bounds();
    if (bounds.isEmpty())
        bounds = QRectF(0, 0, 320, 200);
    return bounds.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

QSize DiagramRenderer::imageSize(double scale) const {
    const QRectF source = sourceRect();
    return {static_cast<int>(std::ceil(source.width() * scale)),
            static_cast<int>(std::ceil(source.height() * scale))};
}

void DiagramRenderer::renderWith(QPainter* painter, const QRectF& target,
                                 const std::function<void(QPainter&)>& draw) const {
    const QRectF source = sourceRect();
    const double ratio =
        std::min(target.width() / source.width(), target.height() / source.height());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->fillRect(target, m_painter.style().background);
    painter->setClipRect(target, Qt::IntersectClip);
    painter->translate(target.topLeft());
    painter->scale(ratio, ratio);
    painter->translate(-source.topLeft());
    draw(*painter);
    painter->restore();
}

void DiagramRenderer::render(QPainter* painter, const QRectF& target) const {
    renderWith(painter, target, [this](QPainter& p) { m_painter.paint(p); });
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
    generator.setTitle(QString::fromStdString(design::markupEscaped(m_name)));
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
        writer.setTitle(QString::fromStdString(m_name));
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
