#include "reports/ExperimentChart.h"

#include "design/AtomicFile.h"
#include "experiments/Experiment.h"

#include <QAreaSeries>
#include <QBuffer>
#include <QChart>
#include <QCoreApplication>
#include <QGraphicsScene>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

namespace sb::reports {

std::vector<std::string> experimentMetrics(const nlohmann::json& result) {
    if (result.contains("metrics"))
        return result["metrics"].get<std::vector<std::string>>();
    return experiments::metricNames();
}

void fillExperimentChart(QChart& chart, const nlohmann::json& result, const std::string& metric) {
    chart.removeAllSeries();
    for (QAbstractAxis* axis : chart.axes())
        chart.removeAxis(axis);
    chart.setTitle(QString::fromStdString(metric));
    const nlohmann::json& parameters = result["parameters"];
    const std::string first = parameters.empty() ? "" : parameters[0]["path"].get<std::string>();
    struct Point {
        double x, mean, low, high;
    };
    std::map<std::string, std::vector<Point>> lines;
    for (const nlohmann::json& point : result["points"]) {
        std::string label;
        for (std::size_t i = 1; i < parameters.size(); ++i) {
            const std::string path = parameters[i]["path"].get<std::string>();
            label += (i > 1 ? " " : "") + path + "=" + point["values"][path].dump();
        }
        double x = 0;
        if (!first.empty()) {
            const nlohmann::json& v = point["values"][first];
            const nlohmann::json& values = parameters[0]["values"];
            x = v.is_number() ? v.get<double>()
                              : double(std::find(values.begin(), values.end(), v) - values.begin());
        }
        const nlohmann::json& m = point["metrics"][metric];
        lines[label].push_back({x, m["mean"].get<double>(), m["ci95_low"].get<double>(),
                                m["ci95_high"].get<double>()});
    }
    if (lines.empty())
        return;
    auto* xAxis = new QValueAxis;
    auto* yAxis = new QValueAxis;
    xAxis->setTitleText(first.empty() ? QObject::tr("(design as drawn)")
                                      : QString::fromStdString(first));
    yAxis->setTitleText(QString::fromStdString(metric));
    chart.addAxis(xAxis, Qt::AlignBottom);
    chart.addAxis(yAxis, Qt::AlignLeft);
    double xMin = 1e300, xMax = -1e300, yMin = 1e300, yMax = -1e300;
    for (const auto& [label, points] : lines) {
        auto* mean = new QLineSeries;
        auto* low = new QLineSeries;
        auto* high = new QLineSeries;
        mean->setName(label.empty() ? QObject::tr("mean") : QString::fromStdString(label));
        for (const Point& p : points) {
            mean->append(p.x, p.mean);
            low->append(p.x, p.low);
            high->append(p.x, p.high);
            xMin = std::min(xMin, p.x);
            xMax = std::max(xMax, p.x);
            yMin = std::min(yMin, p.low);
            yMax = std::max(yMax, p.high);
        }
        mean->setPointsVisible(true);
        auto* band = new QAreaSeries(high, low);
        band->setName(QObject::tr("95% interval"));
        chart.addSeries(band);
        chart.addSeries(mean);
        QColor fill = mean->color();
        band->setPen(Qt::NoPen);
        fill.setAlpha(60);
        band->setBrush(fill);
        for (QLegendMarker* marker : chart.legend()->markers(band))
            marker->setVisible(false); // the band's colour is its line's
        for (QAbstractSeries* s :
             {static_cast<QAbstractSeries*>(band), static_cast<QAbstractSeries*>(mean)}) {
            s->attachAxis(xAxis);
            s->attachAxis(yAxis);
        }
    }
    const double xPad = xMax > xMin ? 0.05 * (xMax - xMin) : 1;
    const double yPad = yMax > yMin ? 0.1 * (yMax - yMin) : std::max(1e-9, std::abs(yMax) * 0.1);
    xAxis->setRange(xMin - xPad, xMax + xPad);
    yAxis->setRange(yMin - yPad, yMax + yPad);
}

QImage experimentChartImage(const nlohmann::json& result, const std::string& metric, int width,
                            int height) {
    QGraphicsScene scene(0, 0, width, height);
    auto* chart = new QChart;
    scene.addItem(chart); // the scene owns it
    chart->setGeometry(QRectF(0, 0, width, height));
    chart->setAnimationOptions(QChart::NoAnimation);
    fillExperimentChart(*chart, result, metric);
    // A chart lays out its title, legend and axes on posted layout requests.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    scene.render(&painter);
    return image;
}

std::string writeExperimentPlot(const nlohmann::json& result, const std::string& path) {
    const bool svg = path.ends_with(".svg");
    if (!svg && !path.ends_with(".png"))
        return "--plot " + path + ": the picture must be .svg or .png";
    const std::vector<std::string> metrics = experimentMetrics(result);
    constexpr int kWidth = 560, kHeight = 380, kColumns = 2;
    const int rows = int((metrics.size() + kColumns - 1) / kColumns);
    const QSize size(kWidth * std::min<int>(kColumns, int(metrics.size())), kHeight * rows);
    QGraphicsScene scene(0, 0, size.width(), size.height());
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        auto* chart = new QChart;
        scene.addItem(chart); // the scene owns it
        chart->setGeometry(
            QRectF(kWidth * int(i % kColumns), kHeight * int(i / kColumns), kWidth, kHeight));
        chart->setAnimationOptions(QChart::NoAnimation);
        fillExperimentChart(*chart, result, metrics[i]);
    }
    // A chart lays out its title, legend and axes on posted layout requests.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (svg) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(QStringLiteral("Scaleboard experiment"));
        QPainter painter(&generator);
        scene.render(&painter);
    } else {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            scene.render(&painter);
        }
        image.save(&buffer, "PNG");
    }
    buffer.close();
    if (bytes.isEmpty())
        return "--plot " + path + ": nothing was drawn";
    return design::writeFileAtomically(
        path, std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

} // namespace sb::reports
