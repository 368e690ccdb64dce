// render/: a design painted without a canvas, checked pixel by pixel: node cards stand at
// the geometry's positions in their kind's colour with their kind's icon, links end in an
// arrow at their receiver, data centres are boxes around their nodes, labels are text in
// SVG, zoomed out cards are blocks, and a node that fails validation carries a badge.
#include "design/Geometry.h"
#include "render/CanvasStyle.h"
#include "render/DiagramPainter.h"
#include "render/KindIcons.h"
#include "render/NodeCard.h"
#include "render/TextLines.h"
#include "tests/common/TemplateLoading.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QXmlStreamReader>
#include <QtTest>

using namespace sb;
using namespace sb::test;

namespace {

/// The painter's picture at `scale` pixels per canvas unit, and where a canvas point lands.
struct Picture {
    QImage image;
    QRectF bounds;
    double scale = 1;

    QPoint at(QPointF canvas) const {
        const QPointF p = (canvas - bounds.topLeft()) * scale;
        return {int(std::floor(p.x())), int(std::floor(p.y()))};
    }
    QColor colourAt(QPointF canvas) const { return image.pixelColor(at(canvas)); }
};

Picture paint(const render::DiagramPainter& painter, double scale) {
    Picture picture;
    picture.scale = scale;
    picture.bounds = painter.bounds();
    picture.image =
        QImage((picture.bounds.size() * scale).toSize() + QSize(1, 1), QImage::Format_ARGB32);
    picture.image.fill(painter.style().background);
    QPainter p(&picture.image);
    p.scale(scale, scale);
    p.translate(-picture.bounds.topLeft());
    painter.paint(p);
    return picture;
}

/// The largest difference of one colour channel between two images of the same size.
int largestDifference(const QImage& a, const QImage& b) {
    int largest = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QColor p = a.pixelColor(x, y), q = b.pixelColor(x, y);
            largest = std::max({largest, std::abs(p.red() - q.red()),
                                std::abs(p.green() - q.green()), std::abs(p.blue() - q.blue())});
        }
    return largest;
}

/// The kind's icon alone, 32 pixels square on a card's fill, as the card draws it at 1:1.
QImage iconAlone(const std::string& iconName, const render::CanvasStyle& style) {
    QImage image(32, 32, QImage::Format_ARGB32);
    image.fill(style.nodeFill);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    render::KindIcons::renderer(iconName).render(&p, QRectF(0, 0, 32, 32));
    return image;
}

/// `top` painted over `bottom` (a translucent fill over the background).
QColor over(const QColor& top, const QColor& bottom) {
    QImage pixel(1, 1, QImage::Format_ARGB32);
    pixel.fill(bottom);
    QPainter p(&pixel);
    p.fillRect(QRect(0, 0, 1, 1), top);
    p.end();
    return pixel.pixelColor(0, 0);
}

QStringList svgTexts(const QByteArray& svg) {
    QStringList texts;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    return texts;
}

} // namespace

class RenderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cardsStandAtTheirNodesInTheirKindsColoursWithTheirIcons() {
        const design::Design d = step(11);
        const auto style = render::CanvasStyle::light();
        const render::DiagramPainter painter(d, registry(), style);
        QCOMPARE(painter.nodes().size(), d.nodes.size());
        const Picture picture = paint(painter, 1);
        for (const auto& n : d.nodes) {
            const design::ComponentDescriptor* kind = registry().find(n.kind);
            QVERIFY(kind);
            const design::Box box = design::nodeBox(n);
            // The category strip down the card's left edge.
            QCOMPARE(picture.colourAt({box.x + 2, n.y}),
                     render::CanvasStyle::categoryColour(kind->category));
            // The card's fill in its lower right, below the text.
            QCOMPARE(picture.colourAt({box.x + box.width - 24, box.y + box.height - 5}),
                     style.nodeFill);
            // Just above the card, what it stands on: its data centre or the background.
            QCOMPARE(picture.colourAt({n.x, box.y - 6}),
                     n.dc.empty() ? style.background
                                  : over(style.dataCentreFill, style.background));
            // The kind's icon, 32 x 32, 13 units in from the left and centred.
            const QImage icon =
                picture.image.copy(QRect(picture.at({box.x + 13, n.y - 16}), QSize(32, 32)));
            QVERIFY2(largestDifference(icon, iconAlone(kind->iconName, style)) <= 8,
                     n.id.value.c_str());
        }
    }

    void linksEndInAnArrowAtTheirReceiver() {
        const design::Design d = step(11);
        const auto style = render::CanvasStyle::light();
        const render::DiagramPainter painter(d, registry(), style);
        QCOMPARE(painter.links().size(), d.links.size());
        const Picture picture = paint(painter, 1);
        for (std::size_t i = 0; i < d.links.size(); ++i) {
            const render::LinkCurve& curve = painter.links()[i];
            const design::Node* to = d.node(d.links[i].id().to);
            const QPointF tip = curve.arrow.at(0);
            // The tip touches the receiver's input side, within its height.
            QCOMPARE(tip.x(), to->x - design::kNodeWidth / 2 - 2);
            QVERIFY(std::abs(tip.y() - to->y) < design::kNodeHeight / 2);
            const QPointF middle = (curve.arrow.at(0) + curve.arrow.at(1) + curve.arrow.at(2)) / 3;
            QCOMPARE(picture.colourAt(middle), style.link);
        }
    }

    void dataCentresAreBoxesAroundTheirNodes() {
        design::Design d = step(11);
        const auto style = render::CanvasStyle::light();
        // One data centre and its nodes alone, so nothing crosses its border.
        const design::DataCentre dc = d.datacentres.front();
        std::erase_if(d.nodes, [&](const design::Node& n) { return n.dc != dc.id.value; });
        d.links.clear();
        d.datacentres = {dc};
        QVERIFY(!d.nodes.empty());
        const render::DiagramPainter painter(d, registry(), style);
        QCOMPARE(painter.dataCentres().size(), std::size_t(1));
        const design::Box box = design::dataCentreBox(d, dc);
        const QRectF area = painter.dataCentres().front().area;
        QCOMPARE(area, QRectF(box.x, box.y, box.width, box.height));
        for (const auto& n : d.nodes) {
            const design::Box card = design::nodeBox(n);
            QVERIFY(area.contains(QRectF(card.x, card.y, card.width, card.height)));
        }
        const Picture picture = paint(painter, 1);
        const QColor inside = over(style.dataCentreFill, style.background);
        QVERIFY(inside != style.background);
        const double middle = area.center().y();
        QCOMPARE(picture.colourAt({area.left() + 8, middle}), inside);
        QCOMPARE(picture.colourAt({area.right() - 8, middle}), inside);
        QCOMPARE(picture.colourAt({area.left() + 8, area.top() + 3}), inside);
        // Its dashed border: of the pixels along its left edge, some are drawn darker.
        int drawn = 0;
        for (double y = area.top() + 20; y < area.bottom() - 20; ++y)
            drawn += picture.colourAt({area.left(), y}) != inside &&
                     picture.colourAt({area.left(), y}) != style.background;
        QVERIFY(drawn > int(area.height() / 4));
        // The bounds leave a margin of 3 around it, filled with the background.
        QCOMPARE(painter.bounds(), area.adjusted(-3, -3, 3, 3));
        QCOMPARE(picture.image.pixelColor(0, int(picture.image.height() / 2)), style.background);
    }

    void svgHoldsEveryLabelAsText() {
        const design::Design d = step(11);
        const render::DiagramPainter painter(d, registry(), render::CanvasStyle::light());
        QByteArray svg;
        QBuffer buffer(&svg);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        const QRectF bounds = painter.bounds();
        generator.setSize(bounds.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), bounds.size()));
        {
            QPainter p(&generator);
            p.translate(-bounds.topLeft());
            painter.paint(p);
        }
        QVERIFY(!svg.contains("<image"));
        const QStringList texts = svgTexts(svg);
        for (const auto& n : d.nodes) {
            QVERIFY2(texts.contains(QString::fromStdString(n.shownName())), n.id.value.c_str());
            QVERIFY(texts.contains(QString::fromStdString(registry().find(n.kind)->displayName)));
        }
        for (const auto& dc : d.datacentres) {
            QVERIFY2(texts.contains(QString::fromStdString(dc.shownName())), dc.id.value.c_str());
            QVERIFY(texts.contains(QStringLiteral("· ") + QString::fromStdString(dc.region)));
        }
        // Latencies on the links that have one.
        QVERIFY(std::ranges::any_of(texts, [](const QString& t) { return t.endsWith(" ms"); }));
    }

    // A zoomed-out card's one-word label ("Inventory") wider than its line is drawn in a
    // smaller font, down to three quarters of the size, rather than broken inside the word.
    void aLongWordShrinksTheFontRatherThanBreak() {
        QFont font;
        font.setPointSizeF(11);
        font.setWeight(QFont::DemiBold);
        QImage device(10, 10, QImage::Format_RGB32);
        const auto width = [&device](const QFont& f) {
            return QFontMetrics(f, &device).horizontalAdvance(QStringLiteral("Inventory"));
        };
        const int wide = width(font);
        QCOMPARE(render::fittingFont(font, QStringLiteral("Inventory"), wide, &device).pointSizeF(),
                 11.0);
        const int narrow = int(wide * 0.9);
        const QFont smaller =
            render::fittingFont(font, QStringLiteral("Big Inventory"), narrow, &device);
        QVERIFY2(smaller.pointSizeF() < 11.0 && smaller.pointSizeF() >= 0.75 * 11 - 1e-9,
                 QByteArray::number(smaller.pointSizeF()));
        QVERIFY(width(smaller) <= narrow);
        QCOMPARE(render::fittingFont(font, QStringLiteral("Inventory"), 5, &device).pointSizeF(),
                 0.75 * 11);
    }

    void zoomedOutCardsAreBlocksOfTheirColour() {
        const design::Design d = step(11);
        const auto style = render::CanvasStyle::light();
        const render::DiagramPainter painter(d, registry(), style);
        const double scale = render::kBlocksBelow - 0.05;
        const Picture overview = paint(painter, scale);
        const Picture close = paint(painter, 1);
        for (const auto& n : d.nodes) {
            const QColor colour =
                render::CanvasStyle::categoryColour(registry().find(n.kind)->category);
            const design::Box box = design::nodeBox(n);
            const QPointF lowerRight(box.x + box.width - 24, box.y + box.height - 8);
            QCOMPARE(overview.colourAt(lowerRight), colour);
            QCOMPARE(close.colourAt(lowerRight), style.nodeFill);
        }
    }

    void aNodeThatFailsValidationCarriesABadge() {
        design::Design d = step(2);
        design::Node unknown = d.nodes.front();
        unknown.id = design::NodeId{"mystery"};
        unknown.kind = "no-such-kind";
        unknown.label = "Mystery";
        unknown.y += 400;
        unknown.dc.clear();
        d.nodes.push_back(unknown);
        const auto style = render::CanvasStyle::light();
        const render::DiagramPainter painter(d, registry(), style);
        const Picture picture = paint(painter, 1);
        const QRectF badge = render::NodeCard::badgeRect();
        for (const auto& n : d.nodes) {
            const QPointF left = QPointF(n.x, n.y) + QPointF(badge.left() + 3, badge.center().y());
            if (n.id == unknown.id)
                QCOMPARE(picture.colourAt(left), style.error);
            else
                QVERIFY2(picture.colourAt(left) != style.error, n.id.value.c_str());
        }
        // It is drawn as an unknown kind, with the generic icon.
        const render::NodeCard& card = painter.nodes().back().second;
        QVERIFY(card.kindName.contains(QStringLiteral("no-such-kind")));
        QVERIFY(!render::KindIcons::exists(card.iconName));
        const design::Box box = design::nodeBox(unknown);
        const QImage icon =
            picture.image.copy(QRect(picture.at({box.x + 13, unknown.y - 16}), QSize(32, 32)));
        QVERIFY(largestDifference(icon, iconAlone("unknown", style)) <= 8);
    }
};

QTEST_MAIN(RenderTest)
#include "RenderTest.moc"
