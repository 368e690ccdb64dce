#include "reports/SeriesChart.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace sb::reports {

namespace {

/// A "nice" step for about `ticks` divisions of [0, top].
double niceStep(double top, int ticks) {
    const double raw = top / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * magnitude)
            return m * magnitude;
    return 10 * magnitude;
}

QString tickLabel(double v) {
    if (v >= 1e6)
        return QString::number(v / 1e6, 'g', 3) + QStringLiteral("M");
    if (v >= 1e4)
        return QString::number(v / 1e3, 'g', 3) + QStringLiteral("k");
    return QString::number(v, 'g', 4);
}

} // namespace

SeriesChart::SeriesChart(QString title, QString unit)
    : m_title(std::move(title))
    , m_unit(std::move(unit)) {}

void SeriesChart::addLine(Line line) {
    m_lines.push_back(std::move(line));
}

void SeriesChart::addMarker(Marker marker) {
    m_markers.push_back(std::move(marker));
}

QColor SeriesChart::colour(int index) {
    static const QColor colours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                     QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};
    return colours[index % 8];
}

QImage SeriesChart::render(QSize size) const {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setPixelSize(12);
    p.setFont(font);

    double tMin = 0, tMax = 1, vMax = 0;
    bool first = true;
    for (const auto& line : m_lines)
        for (std::size_t i = 0; i < line.time.size() && i < line.values.size(); ++i) {
            if (!std::isfinite(line.values[i]))
                continue;
            tMin = first ? line.time[i] : std::min(tMin, line.time[i]);
            tMax = first ? line.time[i] : std::max(tMax, line.time[i]);
            vMax = std::max(vMax, line.values[i]);
            first = false;
        }
    if (tMax <= tMin)
        tMax = tMin + 1;
    if (vMax <= 0)
        vMax = 1;
    const double step = niceStep(vMax * 1.05, 5);
    const double top = std::ceil(vMax * 1.05 / step) * step;

    const QRectF plot(64, 34, size.width() - 80, size.height() - 34 - 52);
    QFont titleFont = font;
    titleFont.setPixelSize(14);
    titleFont.setBold(true);
    p.setFont(titleFont);
    p.setPen(Qt::black);
    p.drawText(QRectF(0, 6, size.width(), 22), Qt::AlignHCenter | Qt::AlignVCenter, m_title);
    p.setFont(font);

    auto x = [&](double t) { return plot.left() + (t - tMin) / (tMax - tMin) * plot.width(); };
    auto y = [&](double v) { return plot.bottom() - v / top * plot.height(); };

    // Grid and axes.
    p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1));
    for (double v = 0; v <= top + step / 2; v += step) {
        p.drawLine(QPointF(plot.left(), y(v)), QPointF(plot.right(), y(v)));
        p.setPen(Qt::darkGray);
        p.drawText(QRectF(0, y(v) - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   tickLabel(v));
        p.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 1));
    }
    const double tStep = niceStep(tMax - tMin, 6);
    for (double t = std::ceil(tMin / tStep) * tStep; t <= tMax + 1e-9; t += tStep) {
        p.setPen(Qt::darkGray);
        p.drawText(QRectF(x(t) - 30, plot.bottom() + 4, 60, 16), Qt::AlignCenter,
                   QString::number(t, 'g', 4));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + 18, plot.width(), 16), Qt::AlignCenter,
               QStringLiteral("time (s)"));
    p.save();
    p.translate(14, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -10, plot.height(), 20), Qt::AlignCenter, m_unit);
    p.restore();
    p.setPen(QPen(Qt::gray, 1));
    p.drawRect(plot);

    // Event markers.
    QPen markerPen(QColor(0xc0, 0x39, 0x2b, 150), 1, Qt::DashLine);
    for (const auto& m : m_markers) {
        if (m.time < tMin || m.time > tMax)
            continue;
        p.setPen(markerPen);
        p.drawLine(QPointF(x(m.time), plot.top()), QPointF(x(m.time), plot.bottom()));
        p.save();
        p.translate(x(m.time) + 3, plot.top() + 4);
        p.rotate(90);
        QFont small = font;
        small.setPixelSize(10);
        p.setFont(small);
        p.drawText(QPointF(0, 0), m.label);
        p.restore();
    }

    // Lines.
    p.setClipRect(plot.adjusted(-1, -1, 1, 1));
    for (const auto& line : m_lines) {
        QPainterPath path;
        bool started = false;
        for (std::size_t i = 0; i < line.time.size() && i < line.values.size(); ++i) {
            if (!std::isfinite(line.values[i])) {
                started = false;
                continue;
            }
            const QPointF point(x(line.time[i]), y(line.values[i]));
            if (started)
                path.lineTo(point);
            else
                path.moveTo(point);
            started = true;
        }
        p.setPen(QPen(line.colour, 1.6, line.style));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    p.setClipping(false);

    // Legend.
    double lx = plot.left();
    const double ly = size.height() - 14;
    for (const auto& line : m_lines) {
        p.setPen(QPen(line.colour, 2.5, line.style));
        p.drawLine(QPointF(lx, ly), QPointF(lx + 18, ly));
        p.setPen(Qt::black);
        const double w = p.fontMetrics().horizontalAdvance(line.name);
        p.drawText(QPointF(lx + 22, ly + 4), line.name);
        lx += 22 + w + 16;
    }
    return image;
}

} // namespace sb::reports
