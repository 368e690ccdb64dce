#include "reports/RunReport.h"

#include "design/MarkupText.h"
#include "design/PropertyValues.h"
#include "design/TrafficRate.h"
#include "reports/DiagramRenderer.h"
#include "reports/SeriesChart.h"

#include <QBuffer>
#include <QDateTime>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>
#include <algorithm>
#include <numeric>

namespace sb::reports {

namespace {

using nlohmann::json;

constexpr QSize kChartSize(900, 300);
constexpr int kEventRows = 400;

/// User text for the HTML: control characters (a NUL among them) out, markup escaped.
QString esc(const std::string& text) {
    return QString::fromStdString(design::withoutControlCharacters(text, true)).toHtmlEscaped();
}

QString number(double v, int decimals = 1) {
    return QLocale::c().toString(v, 'f', decimals);
}

QString count(const json& v) {
    return v.is_number() ? QLocale::system().toString(v.get<qlonglong>()) : QStringLiteral("–");
}

double numberAt(const json& j, std::initializer_list<const char*> path) {
    const json* at = &j;
    for (const char* key : path) {
        if (!at->is_object() || !at->contains(key))
            return 0;
        at = &(*at)[key];
    }
    return at->is_number() ? at->get<double>() : 0;
}

double errorRate(const json& summary) {
    const double total = numberAt(summary, {"requests", "total"});
    return total > 0 ? numberAt(summary, {"requests", "failed"}) / total : 0;
}

QByteArray png(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

SeriesChart::Line line(const SeriesData& s, const std::string& column, QString name, QColor colour,
                       Qt::PenStyle style = Qt::SolidLine) {
    SeriesChart::Line l;
    l.name = std::move(name);
    l.colour = colour;
    l.style = style;
    const int c = s.column(column);
    if (c >= 0) {
        l.time = s.time;
        l.values = s.values[static_cast<std::size_t>(c)];
    }
    return l;
}

bool markerKind(const std::string& kind) {
    static const char* kinds[] = {"node_failed", "dc_failed",   "failover",     "promoted",
                                  "reshard",     "alert_fired", "dns_failover", "cdn_fallback"};
    return std::any_of(std::begin(kinds), std::end(kinds),
                       [&](const char* k) { return kind == k; });
}

std::vector<std::string> columnsEndingWith(const SeriesData& s, const std::string& suffix) {
    std::vector<std::string> out;
    for (const auto& c : s.columns)
        if (c.size() > suffix.size() && c.ends_with(suffix))
            out.push_back(c);
    return out;
}

QString propsText(const json& props) {
    QStringList parts;
    for (const auto& [key, value] : props.items()) {
        if (value.is_object()) {
            QStringList inner;
            for (const auto& [k, v] : value.items())
                inner << QString::fromStdString(k + "=" +
                                                (v.is_string() ? v.get<std::string>() : v.dump()));
            parts << QString::fromStdString(key) + QStringLiteral(" {") +
                         inner.join(QStringLiteral(", ")) + QStringLiteral("}");
        } else {
            parts << QString::fromStdString(
                key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
        }
    }
    return parts.isEmpty() ? QStringLiteral("<i>defaults</i>")
                           : parts.join(QStringLiteral(", ")).toHtmlEscaped();
}

const char* kStyle = R"(
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #1f242d; margin: 24px; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 18px; border-bottom: 1px solid #c9cfd8; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid #d0d5dd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; }
.pass { color: #1a7f37; font-weight: bold; }
.fail { color: #c0392b; font-weight: bold; }
.muted { color: #667085; }
code { background: #f3f4f6; padding: 1px 3px; }
)";

} // namespace

RunReport::RunReport(const design::Design& design, const design::DescriptorCatalog& catalog)
    : m_design(design)
    , m_catalog(catalog) {}

void RunReport::addRun(ReportRun run) {
    m_runs.push_back(std::move(run));
}

std::vector<std::pair<QString, QImage>> RunReport::charts() const {
    std::vector<std::pair<QString, QImage>> out;
    if (m_runs.empty())
        return out;
    const bool compare = m_runs.size() > 1;
    std::vector<SeriesChart::Marker> markers;
    for (const auto& e : m_runs.front().summary.value("events", json::array()))
        if (markerKind(e.value("kind", std::string{})))
            markers.push_back(
                {e.value("t_s", 0.0), QString::fromStdString(e.value("kind", std::string{}) + " " +
                                                             e.value("node", std::string{}))});
    auto finish = [&](SeriesChart& chart) {
        if (compare)
            return;
        for (const auto& m : markers)
            chart.addMarker(m);
    };
    auto tag = [&](std::size_t run, const QString& name) {
        return compare ? name + (run == 0 ? QStringLiteral(" (A)") : QStringLiteral(" (B)")) : name;
    };
    const std::size_t runs = std::min<std::size_t>(m_runs.size(), 2);

    SeriesChart latency(QStringLiteral("Latency percentiles"), QStringLiteral("ms"));
    SeriesChart throughput(QStringLiteral("Throughput"), QStringLiteral("requests/s"));
    SeriesChart errors(QStringLiteral("Errors"), QStringLiteral("failed requests/s"));
    SeriesChart hits(QStringLiteral("Hit rates"), QStringLiteral("fraction"));
    for (std::size_t r = 0; r < runs; ++r) {
        const SeriesData& s = m_runs[r].series;
        const Qt::PenStyle style = r == 0 ? Qt::SolidLine : Qt::DashLine;
        if (!compare)
            latency.addLine(
                line(s, "latency_p50_ms", QStringLiteral("p50"), SeriesChart::colour(0)));
        latency.addLine(line(s, "latency_p95_ms", tag(r, QStringLiteral("p95")),
                             SeriesChart::colour(1), style));
        latency.addLine(line(s, "latency_p99_ms", tag(r, QStringLiteral("p99")),
                             SeriesChart::colour(2), style));
        throughput.addLine(line(s, "throughput_rps", tag(r, QStringLiteral("served")),
                                SeriesChart::colour(0), style));
        throughput.addLine(line(s, "offered_rps", tag(r, QStringLiteral("offered")),
                                SeriesChart::colour(7), style));
        errors.addLine(
            line(s, "errors_rps", tag(r, QStringLiteral("errors")), SeriesChart::colour(2), style));
        int i = 0;
        for (const auto& column : columnsEndingWith(s, ".hit_rate"))
            hits.addLine(line(s, column, tag(r, QString::fromStdString(column)),
                              SeriesChart::colour(i++), style));
    }
    for (SeriesChart* chart : {&latency, &throughput, &errors, &hits})
        finish(*chart);
    out.emplace_back(QStringLiteral("Latency percentiles"), latency.render(kChartSize));
    out.emplace_back(QStringLiteral("Throughput"), throughput.render(kChartSize));
    out.emplace_back(QStringLiteral("Errors"), errors.render(kChartSize));
    if (!hits.empty())
        out.emplace_back(QStringLiteral("Hit rates"), hits.render(kChartSize));

    // The busiest nodes of the first run.
    const SeriesData& s = m_runs.front().series;
    std::vector<std::pair<double, std::string>> busiest;
    for (const auto& column : columnsEndingWith(s, ".utilization")) {
        const auto& v = s.values[static_cast<std::size_t>(s.column(column))];
        if (!v.empty())
            busiest.emplace_back(std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()),
                                 column);
    }
    std::sort(busiest.rbegin(), busiest.rend());
    if (!busiest.empty()) {
        SeriesChart utilisation(compare ? QStringLiteral("Utilisation of the busiest nodes (A)")
                                        : QStringLiteral("Utilisation of the busiest nodes"),
                                QStringLiteral("fraction"));
        for (std::size_t i = 0; i < busiest.size() && i < 6; ++i) {
            const std::string& column = busiest[i].second;
            utilisation.addLine(line(s, column,
                                     QString::fromStdString(column.substr(0, column.size() - 12)),
                                     SeriesChart::colour(int(i))));
        }
        finish(utilisation);
        out.emplace_back(QStringLiteral("Utilisation"), utilisation.render(kChartSize));
    }
    return out;
}

QString RunReport::verdicts() const {
    const auto& t = m_design.targets;
    if (!t.p99Ms && !t.errorRate && !t.lostWrites)
        return QStringLiteral("<p class=\"muted\">The design sets no targets.</p>");
    QString html = QStringLiteral("<table><tr><th>target</th><th>limit</th>");
    for (const auto& run : m_runs)
        html += QStringLiteral("<th>%1</th>").arg(esc(run.label));
    html += QStringLiteral("</tr>");
    auto row = [&](const QString& name, const QString& limit, auto measure, auto ok) {
        html += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td>").arg(name, limit);
        for (const auto& run : m_runs) {
            const double v = measure(run.summary);
            const bool pass = ok(v);
            html += QStringLiteral("<td class=\"num\">%1 <span class=\"%2\">%3</span></td>")
                        .arg(name == QStringLiteral("lost writes")
                                 ? number(v, 0)
                                 : number(v, name.startsWith(QLatin1String("error")) ? 4 : 1),
                             pass ? QStringLiteral("pass") : QStringLiteral("fail"),
                             pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"));
        }
        html += QStringLiteral("</tr>");
    };
    if (t.p99Ms)
        row(
            QStringLiteral("p99 latency (ms)"), number(*t.p99Ms),
            [](const json& s) {
                return numberAt(s, {"latency_ms", "p99"});
            },
            [&](double v) { return v <= *t.p99Ms; });
    if (t.errorRate)
        row(QStringLiteral("error rate"), number(*t.errorRate, 4), errorRate,
            [&](double v) { return v <= *t.errorRate; });
    if (t.lostWrites)
        row(
            QStringLiteral("lost writes"), number(double(*t.lostWrites), 0),
            [](const json& s) {
                return numberAt(s, {"data", "lost_writes"});
            },
            [&](double v) { return v <= double(*t.lostWrites); });
    return html + QStringLiteral("</table>");
}

QString RunReport::summary() const {
    QString html = QStringLiteral("<table><tr><th>measure</th>");
    for (const auto& run : m_runs)
        html += QStringLiteral("<th>%1</th>").arg(esc(run.label));
    if (m_runs.size() == 2)
        html += QStringLiteral("<th>B − A</th>");
    html += QStringLiteral("</tr>");
    struct Measure {
        const char* name;
        std::function<double(const json&)> value;
        int decimals;
    };
    const std::vector<Measure> measures{
        {"requests",
         [](const json& s) {
             return numberAt(s, {"requests", "total"});
         },
         0},
        {"succeeded",
         [](const json& s) {
             return numberAt(s, {"requests", "ok"});
         },
         0},
        {"failed",
         [](const json& s) {
             return numberAt(s, {"requests", "failed"});
         },
         0},
        {"error rate (%)", [](const json& s) { return 100 * errorRate(s); }, 2},
        {"throughput (req/s)", [](const json& s) { return numberAt(s, {"throughput_rps"}); }, 1},
        {"mean latency (ms)",
         [](const json& s) {
             return numberAt(s, {"latency_ms", "mean"});
         },
         1},
        {"p50 (ms)",
         [](const json& s) {
             return numberAt(s, {"latency_ms", "p50"});
         },
         1},
        {"p95 (ms)",
         [](const json& s) {
             return numberAt(s, {"latency_ms", "p95"});
         },
         1},
        {"p99 (ms)",
         [](const json& s) {
             return numberAt(s, {"latency_ms", "p99"});
         },
         1},
        {"max (ms)",
         [](const json& s) {
             return numberAt(s, {"latency_ms", "max"});
         },
         1},
        {"stale reads",
         [](const json& s) {
             return numberAt(s, {"data", "stale_reads"});
         },
         0},
        {"lost writes",
         [](const json& s) {
             return numberAt(s, {"data", "lost_writes"});
         },
         0},
        {"session misses",
         [](const json& s) {
             return numberAt(s, {"data", "session_misses"});
         },
         0},
        {"write conflicts",
         [](const json& s) {
             return numberAt(s, {"data", "conflicts"});
         },
         0},
        {"lost messages",
         [](const json& s) {
             return numberAt(s, {"data", "lost_messages"});
         },
         0},
    };
    for (const auto& m : measures) {
        html += QStringLiteral("<tr><td>%1</td>").arg(QString::fromLatin1(m.name));
        for (const auto& run : m_runs)
            html += QStringLiteral("<td class=\"num\">%1</td>")
                        .arg(number(m.value(run.summary), m.decimals));
        if (m_runs.size() == 2)
            html += QStringLiteral("<td class=\"num\">%1</td>")
                        .arg(number(m.value(m_runs[1].summary) - m.value(m_runs[0].summary),
                                    m.decimals));
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString RunReport::traffic() const {
    QString html =
        QStringLiteral("<table><tr><th>population</th><th>users</th><th>rate (req/s)</th>"
                       "<th>mix read/write/static/async/join</th><th>arrival, pattern</th>"
                       "<th>keys (Zipf s)</th><th>region</th></tr>");
    for (const auto& n : m_design.nodes) {
        const design::ComponentDescriptor* d = m_catalog.find(n.kind);
        if (!d || !d->trafficSource)
            continue;
        const design::PropertyValues p(*d, n.props);
        const double rate = design::populationRate(p);
        html += QStringLiteral(
                    "<tr><td>%1</td><td class=\"num\">%2</td><td class=\"num\">%3</td><td>%4</td>"
                    "<td>%5</td><td>%6</td><td>%7</td></tr>")
                    .arg(esc(n.shownName()),
                         QLocale::system().toString(qlonglong(p.integer("users"))), number(rate),
                         QStringLiteral("%1 / %2 / %3 / %4 / %5")
                             .arg(p.number("mix", "read"))
                             .arg(p.number("mix", "write"))
                             .arg(p.number("mix", "static"))
                             .arg(p.number("mix", "async"))
                             .arg(p.number("mix", "join")),
                         esc(p.text("arrival") + ", " + p.text("pattern")),
                         QStringLiteral("%1 (%2)").arg(p.integer("keys")).arg(p.number("zipf_s")),
                         esc(p.text("region")));
    }
    return html + QStringLiteral("</table>");
}

QString RunReport::settings() const {
    QString html = QStringLiteral(
        "<table><tr><th>node</th><th>kind</th><th>data centre</th><th>settings</th></tr>");
    for (const auto& n : m_design.nodes) {
        const design::ComponentDescriptor* d = m_catalog.find(n.kind);
        html +=
            QStringLiteral("<tr><td>%1 <span "
                           "class=\"muted\">(%2)</span></td><td>%3</td><td>%4</td><td>%5</td></tr>")
                .arg(esc(n.label), esc(n.id.value), esc(d ? d->displayName : n.kind), esc(n.dc),
                     propsText(n.props));
    }
    html += QStringLiteral("</table>");
    if (!m_design.faults.empty()) {
        html += QStringLiteral("<p><b>Fault schedule:</b> ");
        QStringList faults;
        for (const auto& f : m_design.faults)
            faults << QStringLiteral("%1 s %2 %3%4")
                          .arg(f.atSeconds)
                          .arg(esc(f.action), esc(f.target),
                               f.params.empty() ? QString()
                                                : QStringLiteral(" ") + propsText(f.params));
        html += faults.join(QStringLiteral("; ")) + QStringLiteral("</p>");
    }
    return html;
}

QString RunReport::nodeResults() const {
    const json& nodes = m_runs.front().summary.value("nodes", json::object());
    QString html =
        QStringLiteral("<table><tr><th>node</th><th>kind</th><th>utilisation</th><th>completed</th>"
                       "<th>rejected</th><th>failed</th><th>queue max</th><th>notable</th></tr>");
    static const char* notable[] = {"hit_rate",       "lag_ms_max", "queue_depth_max",
                                    "stale_reads",    "writes",     "conflicts",
                                    "session_misses", "instances",  "alerts_fired"};
    for (const auto& [id, n] : nodes.items()) {
        QStringList extra;
        for (const char* key : notable)
            if (n.contains(key) && n[key].is_number() && n[key].get<double>() != 0)
                extra << QStringLiteral("%1 %2").arg(QString::fromLatin1(key),
                                                     number(n[key].get<double>(), 3));
        html +=
            QStringLiteral(
                "<tr><td>%1</td><td>%2</td><td class=\"num\">%3%</td><td class=\"num\">%4</td>"
                "<td class=\"num\">%5</td><td class=\"num\">%6</td><td "
                "class=\"num\">%7</td><td>%8</td></tr>")
                .arg(esc(id), esc(n.value("kind", std::string{})),
                     number(100 * n.value("utilization", 0.0)), count(n.value("completed", json())),
                     count(n.value("rejected", json())), count(n.value("failed", json())),
                     count(n.value("queue_depth_max", json())),
                     extra.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

QString RunReport::eventLog() const {
    QString html;
    for (const auto& run : m_runs) {
        const json events = run.summary.value("events", json::array());
        if (m_runs.size() > 1)
            html += QStringLiteral("<h3>%1</h3>").arg(esc(run.label));
        if (events.empty()) {
            html += QStringLiteral("<p class=\"muted\">No events.</p>");
            continue;
        }
        html += QStringLiteral("<table class=\"events\"><tr><th>time "
                               "(s)</th><th>event</th><th>node</th><th>detail</th></tr>");
        int rows = 0;
        for (const auto& e : events) {
            if (++rows > kEventRows)
                break;
            html += QStringLiteral(
                        "<tr><td class=\"num\">%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                        .arg(number(e.value("t_s", 0.0), 2), esc(e.value("kind", std::string{})),
                             esc(e.value("node", std::string{})),
                             esc(e.value("detail", std::string{})));
        }
        html += QStringLiteral("</table>");
        if (events.size() > std::size_t(kEventRows))
            html += QStringLiteral("<p class=\"muted\">… and %1 more events (all of them are in "
                                   "the run's JSON).</p>")
                        .arg(events.size() - kEventRows);
    }
    return html;
}

QString RunReport::build(const ImageSource& source, int imageWidth) const {
    const QString title = esc(m_design.name.empty() ? "Scaleboard design" : m_design.name);
    QString html = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1 "
                                  "— Scaleboard report</title>"
                                  "<style>%2</style></head><body>\n")
                       .arg(title, QString::fromLatin1(kStyle));
    html += QStringLiteral("<h1>%1</h1>\n").arg(title);
    html += QStringLiteral("<p class=\"muted\">Scaleboard run report, written %1.</p>\n")
                .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!m_design.description.empty())
        html +=
            QStringLiteral("<p>%1</p>\n")
                .arg(esc(m_design.description).replace(QLatin1Char('\n'), QStringLiteral("<br>")));

    html += QStringLiteral("<h2>Runs</h2>\n<table><tr><th>run</th><th>seed</th><th>duration "
                           "(s)</th><th>warm-up (s)</th>"
                           "<th>rerun it with</th></tr>");
    for (const auto& run : m_runs)
        html += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td "
                               "class=\"num\">%3</td><td class=\"num\">%4</td>"
                               "<td><code>scaleboard-cli run %5 --duration %3 --warmup %4 --seed "
                               "%2</code></td></tr>")
                    .arg(esc(run.label))
                    .arg(run.seed())
                    .arg(run.durationSeconds())
                    .arg(run.warmupSeconds())
                    .arg(esc(m_designFile));
    html += QStringLiteral("</table>\n");

    html += QStringLiteral("<h2>Verdicts</h2>\n") + verdicts();
    html += QStringLiteral("<h2>Summary</h2>\n") + summary();

    const DiagramRenderer diagram(m_design, m_catalog);
    const QImage picture = diagram.image(1.5);
    const int diagramWidth = std::min(imageWidth, int(picture.width() / 1.5));
    html += QStringLiteral(
                "<h2>Diagram</h2>\n<p><img src=\"%1\" width=\"%2\" alt=\"design diagram\"></p>\n")
                .arg(source(QStringLiteral("diagram"), picture))
                .arg(diagramWidth);

    html += QStringLiteral("<h2>Charts</h2>\n");
    int index = 0;
    for (const auto& [name, image] : charts())
        html += QStringLiteral("<p><img src=\"%1\" width=\"%2\" alt=\"%3 chart\"></p>\n")
                    .arg(source(QStringLiteral("chart%1").arg(++index), image))
                    .arg(std::min(imageWidth, image.width()))
                    .arg(name.toHtmlEscaped());

    html += QStringLiteral("<h2>Traffic</h2>\n") + traffic();
    html += QStringLiteral("<h2>Settings</h2>\n") + settings();
    html += QStringLiteral("<h2>Nodes</h2>\n") + nodeResults();
    html += QStringLiteral("<h2>Event log</h2>\n") + eventLog();
    html += QStringLiteral("\n</body></html>\n");
    return html;
}

QString RunReport::html() const {
    return build(
        [](const QString&, const QImage& image) {
            return QStringLiteral("data:image/png;base64,") +
                   QString::fromLatin1(png(image).toBase64());
        },
        900);
}

std::string RunReport::writeHtml(const std::string& path) const {
    if (m_runs.empty())
        return "a report needs a run";
    return writeBytes(path, html().toUtf8());
}

std::string RunReport::writePdf(const std::string& path, int* pages) const {
    if (m_runs.empty())
        return "a report needs a run";
    QTextDocument document;
    const QString text = build(
        [&document](const QString& name, const QImage& image) {
            const QString url = QStringLiteral("sbimage:") + name;
            document.addResource(QTextDocument::ImageResource, QUrl(url), image);
            return url;
        },
        680);
    document.setHtml(text);

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    int pageCount = 0;
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
        writer.setResolution(96);
        writer.setTitle(QString::fromStdString(m_design.name));
        writer.setCreator(QStringLiteral("Scaleboard"));
        const QRectF page = writer.pageLayout().paintRectPixels(writer.resolution());
        document.setPageSize(page.size());
        pageCount = document.pageCount();
        QPainter painter(&writer);
        for (int i = 0; i < pageCount; ++i) {
            if (i > 0)
                writer.newPage();
            painter.save();
            painter.translate(0, -i * page.height());
            document.drawContents(&painter,
                                  QRectF(0, i * page.height(), page.width(), page.height()));
            painter.restore();
        }
    }
    if (pages)
        *pages = pageCount;
    return writeBytes(path, bytes);
}

std::string RunReport::write(const std::string& path) const {
    const QString lower = QString::fromStdString(path).toLower();
    if (lower.endsWith(QLatin1String(".pdf")))
        return writePdf(path);
    if (lower.endsWith(QLatin1String(".html")) || lower.endsWith(QLatin1String(".htm")))
        return writeHtml(path);
    return "a report is written as .html or .pdf, not " + path;
}

} // namespace sb::reports
