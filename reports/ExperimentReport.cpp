#include "reports/ExperimentReport.h"

#include "design/AtomicFile.h"
#include "reports/ExperimentChart.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include <stdexcept>

namespace sb::reports {

namespace {

QString text(const nlohmann::json& v) {
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump()).toHtmlEscaped();
}

QString number(const nlohmann::json& v) {
    return v.is_number() ? QString::number(v.get<double>(), 'g', 6) : text(v);
}

constexpr int kChartWidth = 640, kChartHeight = 360;

} // namespace

QString experimentReportHtml(const nlohmann::json& result, const std::string& designFile,
                             const std::function<QString(int, const QImage&)>& image) {
    if (!result.is_object() || !result.contains("points") || !result["points"].is_array() ||
        !result.contains("parameters") || !result["parameters"].is_array())
        throw std::invalid_argument("not an experiment's result document (no points)");
    const std::vector<std::string> metrics = experimentMetrics(result);
    const nlohmann::json targets = result.value("targets", nlohmann::json::array());
    QString html = QStringLiteral("<html><head><meta charset=\"utf-8\"><title>Experiment on "
                                  "%1</title><style>body{font-family:sans-serif}"
                                  "table{border-collapse:collapse}td,th{border:1px solid "
                                  "#999;padding:2px 6px}</style></head><body>")
                       .arg(QString::fromStdString(designFile).toHtmlEscaped());
    html += QStringLiteral("<h1>Experiment on %1</h1><h2>Plan</h2><ul>")
                .arg(QString::fromStdString(designFile).toHtmlEscaped());
    for (const nlohmann::json& p : result["parameters"]) {
        QStringList values;
        for (const nlohmann::json& v : p.value("values", nlohmann::json::array()))
            values << text(v);
        html +=
            QStringLiteral("<li>vary <b>%1</b> over %2%3</li>")
                .arg(text(p.value("path", nlohmann::json(""))), values.join(QStringLiteral(", ")),
                     p.contains("zip") ? QStringLiteral(" (zipped: %1)").arg(text(p["zip"]))
                                       : QString());
    }
    html += QStringLiteral("<li>%1 replications per point, %2 s each (warm-up %3 s), base seed "
                           "%4</li>")
                .arg(number(result.value("replications", nlohmann::json())),
                     number(result.value("duration_s", nlohmann::json())),
                     number(result.value("warmup_s", nlohmann::json())),
                     text(result.value("seed", nlohmann::json())));
    QStringList targetTexts;
    for (const nlohmann::json& t : targets)
        targetTexts << text(t);
    html += QStringLiteral("<li>targets: %1</li></ul>")
                .arg(targetTexts.isEmpty() ? QStringLiteral("none")
                                           : targetTexts.join(QStringLiteral(", ")));
    html += QStringLiteral("<h2>Results</h2><p>Each cell: the mean over the replications and "
                           "its 95% confidence interval (Student t), measured. A target is met "
                           "when the whole interval is on its good side.</p><table><tr>");
    for (const nlohmann::json& p : result["parameters"])
        html += QStringLiteral("<th>%1</th>").arg(text(p.value("path", nlohmann::json(""))));
    for (const std::string& m : metrics)
        html += QStringLiteral("<th>%1 (95%)</th>").arg(QString::fromStdString(m).toHtmlEscaped());
    for (const nlohmann::json& t : targets)
        html += QStringLiteral("<th>%1</th>").arg(text(t));
    html += QStringLiteral("</tr>");
    for (const nlohmann::json& point : result["points"]) {
        html += QStringLiteral("<tr>");
        for (const nlohmann::json& p : result["parameters"])
            html += QStringLiteral("<td>%1</td>")
                        .arg(text(point.value("values", nlohmann::json::object())
                                      .value(p.value("path", std::string()), nlohmann::json())));
        for (const std::string& m : metrics) {
            const nlohmann::json cell =
                point.value("metrics", nlohmann::json::object()).value(m, nlohmann::json::object());
            html += QStringLiteral("<td>%1 [%2, %3]</td>")
                        .arg(number(cell.value("mean", nlohmann::json())),
                             number(cell.value("ci95_low", nlohmann::json())),
                             number(cell.value("ci95_high", nlohmann::json())));
        }
        for (const nlohmann::json& t : targets)
            html += QStringLiteral("<td>%1</td>")
                        .arg(text(point.value("targets", nlohmann::json::object())
                                      .value(t.get<std::string>(), nlohmann::json("?"))));
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table><h2>Charts</h2>");
    for (std::size_t i = 0; i < metrics.size(); ++i)
        html += QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"></p>")
                    .arg(image(int(i),
                               experimentChartImage(result, metrics[i], kChartWidth, kChartHeight)))
                    .arg(kChartWidth)
                    .arg(kChartHeight);
    html += QStringLiteral("</body></html>");
    return html;
}

std::string writeExperimentReport(const nlohmann::json& result, const std::string& designFile,
                                  const std::string& path) {
    const QString lower = QString::fromStdString(path).toLower();
    const bool pdf = lower.endsWith(QLatin1String(".pdf"));
    if (!pdf && !lower.endsWith(QLatin1String(".html")) && !lower.endsWith(QLatin1String(".htm")))
        return "--report " + path + ": a report is written as .html or .pdf";
    QByteArray bytes;
    try {
        if (!pdf) {
            bytes = experimentReportHtml(result, designFile, [](int, const QImage& picture) {
                        QByteArray png;
                        QBuffer buffer(&png);
                        buffer.open(QIODevice::WriteOnly);
                        picture.save(&buffer, "PNG");
                        return QStringLiteral("data:image/png;base64,") +
                               QString::fromLatin1(png.toBase64());
                    }).toUtf8();
        } else {
            QTextDocument document;
            const QString html =
                experimentReportHtml(result, designFile, [&document](int i, const QImage& picture) {
                    const QString name = QStringLiteral("chart-%1.png").arg(i);
                    document.addResource(QTextDocument::ImageResource, QUrl(name), picture);
                    return name;
                });
            document.setHtml(html);
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            QPdfWriter writer(&buffer);
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                             QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
            writer.setResolution(96);
            writer.setTitle(
                QStringLiteral("Experiment on %1").arg(QString::fromStdString(designFile)));
            writer.setCreator(QStringLiteral("Scaleboard"));
            document.print(&writer);
        }
    } catch (const std::invalid_argument& e) {
        return "--report " + path + ": " + e.what();
    }
    if (bytes.isEmpty())
        return "--report " + path + ": nothing was written";
    return design::writeFileAtomically(
        path, std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

} // namespace sb::reports
