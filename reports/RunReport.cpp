#include "reports/RunReport.h"

#include "design/MarkupText.h"
#include "design/PropertyValues.h"
#include "design/TrafficRate.h"
#include "practice/Cost.h"
#include "reports/DiagramRenderer.h"
#include "reports/PageFlow.h"
#include "reports/SeriesChart.h"

#include <QBuffer>
#include <QDateTime>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>
#include <algorithm>
#include <cmath>
#include <cstring>
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

/// A measured number, or a dash for one the summary lacks.
QString shown(const RunSummary::Number& v, int decimals = 1) {
    return v ? number(*v, decimals) : QStringLiteral("–");
}

QString count(const RunSummary::Number& v) {
    return v ? QLocale::system().toString(qlonglong(std::llround(*v))) : QStringLiteral("–");
}

/// A node's notable number: whole numbers counted ("20,320"), fractions to four figures.
QString notableValue(double v) {
    if (v == std::floor(v) || std::abs(v) >= 1000)
        return QLocale::system().toString(qlonglong(std::llround(v)));
    return QString::number(v, 'g', 4);
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

/// How a chart names events of a kind at one time: "%1" is the node, or the count of nodes
/// when there are several. Kinds not listed are not drawn on the charts.
struct MarkerWording {
    const char* kind;
    const char* one;
    const char* several;
};
constexpr MarkerWording kMarkerWordings[] = {
    {"dc_failed", "%1 down", "%1 data centres down"},
    {"dc_recovered", "%1 back up", "%1 data centres back up"},
    {"node_failed", "%1 down", "%1 nodes down"},
    {"node_recovered", "%1 back up", "%1 nodes back up"},
    {"failover", "failover %1", "%1 failovers"},
    {"promoted", "%1 promoted", "%1 promoted"},
    {"reshard", "reshard %1", "%1 reshards"},
    {"alert_fired", "alert %1", "%1 alerts"},
    {"dns_failover", "DNS failover", "DNS failover"},
    {"cdn_fallback", "CDN fallback to origin", "CDN fallback to origin"},
};

const MarkerWording* markerWording(const std::string& kind) {
    for (const auto& w : kMarkerWordings)
        if (kind == w.kind)
            return &w;
    return nullptr;
}

std::vector<std::string> columnsEndingWith(const SeriesData& s, const std::string& suffix) {
    std::vector<std::string> out;
    for (const auto& c : s.columns)
        if (c.size() > suffix.size() && c.ends_with(suffix))
            out.push_back(c);
    return out;
}

/// A word as a POSIX shell reads it back: as it is when it holds only safe characters,
/// else in single quotes (a quote inside written as '\'').
std::string shellQuoted(const std::string& word) {
    const bool safe =
        !word.empty() && word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                "abcdefghijklmnopqrstuvwxyz"
                                                "0123456789_-./:=+,@%") == std::string::npos;
    if (safe)
        return word;
    std::string out = "'";
    for (char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// "timeout_ms" with unit "ms" reads "Timeout"; "requests_per_user_per_min" reads
/// "Requests per user per min".
QString settingName(const std::string& name, const std::string& unit) {
    QString text = QString::fromStdString(name);
    for (const char* suffix : {"_ms", "_s", "_rps"})
        if (!unit.empty() && text.endsWith(QLatin1String(suffix)) &&
            text.size() > qsizetype(std::strlen(suffix)))
            text.chop(qsizetype(std::strlen(suffix)));
    QStringList words = text.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    for (QString& word : words)
        if (word == QLatin1String("ttl") || word == QLatin1String("cpu") ||
            word == QLatin1String("dns") || word == QLatin1String("cdn") ||
            word == QLatin1String("ip"))
            word = word.toUpper();
    text = words.join(QLatin1Char(' '));
    if (!text.isEmpty())
        text.front() = text.front().toUpper();
    return text;
}

/// The unit a name carries when no spec gives one (fault parameters): "_ms", "_s", "_rps".
std::string unitOfName(const std::string& name) {
    if (name.ends_with("_ms"))
        return "ms";
    if (name.ends_with("_s"))
        return "s";
    if (name.ends_with("_rps"))
        return "req/s";
    return {};
}

/// A setting's value with its unit: "250 ms", "yes", "lru"; fractions stay plain numbers.
QString valueText(const json& v, const std::string& unit) {
    QString text;
    if (v.is_boolean())
        text = v.get<bool>() ? QStringLiteral("yes") : QStringLiteral("no");
    else if (v.is_number_integer())
        text = QLocale::system().toString(qlonglong(v.get<std::int64_t>()));
    else if (v.is_number())
        text = QString::number(v.get<double>(), 'g', 10);
    else if (v.is_string())
        text = QString::fromStdString(v.get<std::string>());
    else
        text = QString::fromStdString(v.dump());
    const QString html = esc(text.toStdString());
    if (unit.empty() || unit == "fraction" || !(v.is_number()))
        return html;
    return html + QStringLiteral("&nbsp;") + esc(unit);
}

/// Names and values (HTML) of a set of settings, one per value, a group's fields each on
/// their own ("Mix: read").
std::vector<std::pair<QString, QString>>
settingRows(const json& props, const design::ComponentDescriptor* descriptor) {
    std::vector<std::pair<QString, QString>> rows;
    auto row = [&](const QString& name, const QString& value) { rows.emplace_back(name, value); };
    for (const auto& [key, value] : props.items()) {
        const design::PropertySpec* spec = descriptor ? descriptor->property(key) : nullptr;
        const std::string unit = spec ? spec->unit : unitOfName(key);
        const QString name = settingName(key, unit).toHtmlEscaped();
        if (value.is_object()) {
            for (const auto& [field, v] : value.items()) {
                const design::PropertySpec* fieldSpec = spec ? spec->field(field) : nullptr;
                const std::string fieldUnit = fieldSpec ? fieldSpec->unit : unitOfName(field);
                row(name + QStringLiteral(": ") + settingName(field, fieldUnit).toHtmlEscaped(),
                    valueText(v, fieldUnit));
            }
        } else {
            row(name, valueText(value, unit));
        }
    }
    return rows;
}

const char* kStyle = R"(
@page { margin: 12mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #1f242d; margin: 24px; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 18px; border-bottom: 1px solid #c9cfd8; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin-top: 12px; }
table { border-collapse: collapse; margin: 6px 0; }
thead { display: table-header-group; }
tr, img { break-inside: avoid; page-break-inside: avoid; }
td.who { white-space: nowrap; }
th, td { border: 1px solid #d0d5dd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; white-space: nowrap; }
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
    int number = 0;
    for (const ChartMarker& m : chartMarkers())
        markers.push_back({m.time, m.text, QStringLiteral("#%1").arg(++number)});
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

QString RunReport::nodeName(const std::string& id) const {
    for (const auto& n : m_design.nodes)
        if (n.id.value == id)
            return QString::fromStdString(n.shownName());
    for (const auto& dc : m_design.datacentres)
        if (dc.id.value == id)
            return QString::fromStdString(dc.shownName());
    return QString::fromStdString(id);
}

std::vector<RunReport::ChartMarker> RunReport::chartMarkers() const {
    std::vector<ChartMarker> out;
    if (m_runs.empty())
        return out;
    // Events of one kind at one time make one marker, in the order they first occur.
    struct Pending {
        double time;
        const MarkerWording* wording;
        QStringList nodes;
    };
    std::vector<Pending> pending;
    for (const auto& e : m_runs.front().facts.events) {
        const MarkerWording* wording = markerWording(e.kind);
        if (!wording)
            continue;
        const double t = e.timeSeconds;
        const QString node = nodeName(e.node);
        auto same = std::find_if(pending.begin(), pending.end(), [&](const Pending& p) {
            return p.wording == wording && p.time == t;
        });
        if (same == pending.end())
            pending.push_back({t, wording, {node}});
        else if (!same->nodes.contains(node))
            same->nodes << node;
    }
    for (const Pending& p : pending) {
        ChartMarker m;
        m.time = p.time;
        const QString wording =
            QString::fromLatin1(p.nodes.size() == 1 ? p.wording->one : p.wording->several);
        m.text = !wording.contains(QLatin1String("%1")) ? wording
                 : p.nodes.size() == 1                  ? wording.arg(p.nodes.front())
                                                        : wording.arg(p.nodes.size());
        m.detail = p.nodes.join(QStringLiteral(", "));
        out.push_back(std::move(m));
    }
    return out;
}

std::string RunReport::rerunCommand(const ReportRun& run) const {
    const std::string file = m_designFile.empty() ? "DESIGN.json" : m_designFile;
    return "scaleboard-cli run " + shellQuoted(file) + " --duration " +
           design::formatNumber(run.durationSeconds()) + " --warmup " +
           design::formatNumber(run.warmupSeconds()) + " --seed " + std::to_string(run.seed());
}

bool RunReport::reportProgress(double done) const {
    return !m_progress || m_progress(std::clamp(done, 0.0, 1.0));
}

QString RunReport::runs() const {
    QString html =
        QStringLiteral("<table><thead><tr><th>run</th><th>seed</th><th>duration "
                       "(s)</th><th>warm-up (s)</th><th>rerun it with</th></tr></thead>");
    for (const auto& run : m_runs)
        html += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td "
                               "class=\"num\">%3</td><td class=\"num\">%4</td>"
                               "<td><code>%5</code></td></tr>")
                    .arg(esc(run.label))
                    .arg(run.seed())
                    .arg(run.durationSeconds())
                    .arg(run.warmupSeconds())
                    .arg(esc(rerunCommand(run)));
    html += QStringLiteral("</table>\n");
    const QString lower = QString::fromStdString(m_designFile).toLower();
    if (m_designFile.empty())
        html += QStringLiteral("<p class=\"muted\">The design is in no file yet: save it as "
                               "DESIGN.json to rerun it.</p>\n");
    else if (!lower.endsWith(QLatin1String(".json")))
        html += QStringLiteral("<p class=\"muted\">scaleboard-cli runs design files (.json): "
                               "save the design as one to rerun it.</p>\n");
    return html;
}

QString RunReport::markerKey() const {
    if (m_runs.size() > 1)
        return {};
    const std::vector<ChartMarker> markers = chartMarkers();
    if (markers.empty())
        return {};
    QString html = QStringLiteral("<h3>Events marked on the charts</h3>\n<table><thead><tr><th>"
                                  "#</th><th>time (s)</th><th>event</th><th>nodes</th></tr>"
                                  "</thead>");
    int index = 0;
    for (const ChartMarker& m : markers)
        html += QStringLiteral("<tr><td class=\"num\">%1</td><td class=\"num\">%2</td><td>%3"
                               "</td><td>%4</td></tr>")
                    .arg(++index)
                    .arg(number(m.time, 2), m.text.toHtmlEscaped(), m.detail.toHtmlEscaped());
    return html + QStringLiteral("</table>\n");
}

QString RunReport::verdicts() const {
    const auto& t = m_design.targets;
    if (!t.p99Ms && !t.errorRate && !t.lostWrites)
        return QStringLiteral("<p class=\"muted\">The design sets no targets.</p>");
    QString html = QStringLiteral("<table><thead><tr><th>target</th><th>limit</th>");
    for (const auto& run : m_runs)
        html += QStringLiteral("<th>%1</th>").arg(esc(run.label));
    html += QStringLiteral("</tr></thead>");
    auto row = [&](const QString& name, const QString& limit, auto measure, auto ok, int decimals) {
        html += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td>").arg(name, limit);
        for (const auto& run : m_runs) {
            const RunSummary::Number v = measure(run.facts);
            if (!v) {
                html += QStringLiteral("<td class=\"num\">– <span class=\"fail\">NOT "
                                       "MEASURED</span></td>");
                continue;
            }
            const bool pass = ok(*v);
            html += QStringLiteral("<td class=\"num\">%1 <span class=\"%2\">%3</span></td>")
                        .arg(number(*v, decimals),
                             pass ? QStringLiteral("pass") : QStringLiteral("fail"),
                             pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"));
        }
        html += QStringLiteral("</tr>");
    };
    if (t.p99Ms)
        row(
            QStringLiteral("p99 latency (ms)"), number(*t.p99Ms),
            [](const RunSummary& s) { return s.p99Ms; }, [&](double v) { return v <= *t.p99Ms; },
            1);
    if (t.errorRate)
        row(
            QStringLiteral("error rate"), number(*t.errorRate, 4),
            [](const RunSummary& s) { return s.errorRate(); },
            [&](double v) { return v <= *t.errorRate; }, 4);
    if (t.lostWrites)
        row(
            QStringLiteral("lost writes"), number(double(*t.lostWrites), 0),
            [](const RunSummary& s) { return s.lostWrites; },
            [&](double v) { return v <= double(*t.lostWrites); }, 0);
    return html + QStringLiteral("</table>");
}

QString RunReport::summary() const {
    QString html = QStringLiteral("<table><thead><tr><th>measure</th>");
    for (const auto& run : m_runs)
        html += QStringLiteral("<th>%1</th>").arg(esc(run.label));
    if (m_runs.size() == 2)
        html += QStringLiteral("<th>B − A</th>");
    html += QStringLiteral("</tr></thead>");
    using Field = RunSummary::Number RunSummary::*;
    struct Measure {
        const char* name;
        std::function<RunSummary::Number(const RunSummary&)> value;
        int decimals;
        /// A measure only some designs have (a rate limit, call policies) is left out when
        /// no run has it, rather than shown missing.
        bool optional = false;
    };
    auto field = [](Field f) { return [f](const RunSummary& s) { return s.*f; }; };
    const std::vector<Measure> measures{
        {"requests", field(&RunSummary::total), 0},
        {"succeeded", field(&RunSummary::ok), 0},
        {"failed", field(&RunSummary::failed), 0},
        {"error rate (%)",
         [](const RunSummary& s) -> RunSummary::Number {
             const auto r = s.errorRate();
             return r ? RunSummary::Number(100 * *r) : std::nullopt;
         },
         2},
        {"throughput (req/s)", field(&RunSummary::throughputRps), 1},
        {"mean latency (ms)", field(&RunSummary::meanMs), 1},
        {"p50 (ms)", field(&RunSummary::p50Ms), 1},
        {"p95 (ms)", field(&RunSummary::p95Ms), 1},
        {"p99 (ms)", field(&RunSummary::p99Ms), 1},
        {"max (ms)", field(&RunSummary::maxMs), 1},
        {"stale reads", field(&RunSummary::staleReads), 0},
        {"lost writes", field(&RunSummary::lostWrites), 0},
        {"session misses", field(&RunSummary::sessionMisses), 0},
        {"write conflicts", field(&RunSummary::conflicts), 0},
        {"lost messages", field(&RunSummary::lostMessages), 0},
        {"rate limited (429)", field(&RunSummary::rateLimited), 0, true},
        {"call attempts", field(&RunSummary::callAttempts), 0, true},
        {"retries", field(&RunSummary::callRetries), 0, true},
        {"breakers opened", field(&RunSummary::breakerOpens), 0, true},
    };
    for (const auto& m : measures) {
        if (m.optional && std::none_of(m_runs.begin(), m_runs.end(), [&m](const ReportRun& run) {
                return m.value(run.facts).has_value();
            }))
            continue;
        html += QStringLiteral("<tr><td>%1</td>").arg(QString::fromLatin1(m.name));
        for (const auto& run : m_runs)
            html += QStringLiteral("<td class=\"num\">%1</td>")
                        .arg(shown(m.value(run.facts), m.decimals));
        if (m_runs.size() == 2) {
            const auto a = m.value(m_runs[0].facts), b = m.value(m_runs[1].facts);
            html +=
                QStringLiteral("<td class=\"num\">%1</td>")
                    .arg(shown(a && b ? RunSummary::Number(*b - *a) : std::nullopt, m.decimals));
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString RunReport::traffic() const {
    QString html =
        QStringLiteral("<table><thead><tr><th>population</th><th>users</th><th>rate (req/s)</th>"
                       "<th>mix read/write/static/async/join</th><th>arrival, pattern</th>"
                       "<th>keys (Zipf s)</th><th>region</th></tr></thead>");
    for (const auto& n : m_design.nodes) {
        const design::ComponentDescriptor* d = m_catalog.find(n.kind);
        if (!d || !d->trafficSource())
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
    QString html = QStringLiteral("<p class=\"muted\">What the design sets; everything else "
                                  "is at the kind's default.</p>\n<table><thead><tr><th>node</th>"
                                  "<th>setting</th><th>value</th></tr></thead>");
    // Nodes of one kind in one data centre with the same settings share their rows.
    std::vector<std::vector<const design::Node*>> groups;
    for (const auto& n : m_design.nodes) {
        auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
            return g.front()->kind == n.kind && g.front()->dc == n.dc &&
                   g.front()->props == n.props;
        });
        if (same == groups.end())
            groups.push_back({&n});
        else
            same->push_back(&n);
    }
    for (const auto& group : groups) {
        const design::Node& n = *group.front();
        const design::ComponentDescriptor* d = m_catalog.find(n.kind);
        QString where = esc(d ? d->displayName : n.kind);
        if (!n.dc.empty())
            where += QStringLiteral(", ") + nodeName(n.dc).toHtmlEscaped();
        QStringList names, ids;
        for (const design::Node* member : group) {
            names << esc(member->shownName());
            ids << esc(member->id.value);
        }
        // The node column holds one line a row, so that no row is taller than a line (Qt
        // splits a taller row across pages): the names, then the kind and the ids.
        const QString node[] = {QStringLiteral("<b>%1</b>").arg(names.join(QStringLiteral(", "))),
                                QStringLiteral("<span class=\"muted\">%1 · %2</span>")
                                    .arg(where, ids.join(QStringLiteral(", ")))};
        auto rows = settingRows(n.props, d);
        if (rows.empty())
            rows.emplace_back(QStringLiteral("<span class=\"muted\">defaults</span>"), QString());
        if (rows.size() < 2)
            rows.emplace_back();
        for (std::size_t i = 0; i < rows.size(); ++i)
            html += QStringLiteral("<tr><td class=\"who\">%1</td><td>%2</td><td>%3</td></tr>")
                        .arg(i < 2 ? node[i] : QString(), rows[i].first, rows[i].second);
    }
    html += QStringLiteral("</table>\n");
    if (!m_design.faults.empty()) {
        html += QStringLiteral("<h3>Fault schedule</h3>\n<table><thead><tr><th>at (s)</th>"
                               "<th>action</th><th>target</th><th>parameters</th></tr></thead>");
        for (const auto& f : m_design.faults) {
            QStringList parameters;
            for (const auto& [name, value] : settingRows(f.params, nullptr))
                parameters << name + QStringLiteral(": ") + value;
            html +=
                QStringLiteral("<tr><td class=\"num\">%1</td><td>%2</td><td>%3</td>"
                               "<td>%4</td></tr>")
                    .arg(number(f.atSeconds, 1), esc(f.action), nodeName(f.target).toHtmlEscaped(),
                         parameters.join(QStringLiteral("<br>")));
        }
        html += QStringLiteral("</table>\n");
    }
    const practice::CostEstimate cost =
        practice::estimateCost(m_design, practice::builtinPrices(), m_catalog);
    html +=
        QStringLiteral("<h3>Estimated cost</h3>\n<p>%1 %2 a month: an estimate from the "
                       "illustrative price table of docs/practice.md, not a quote and not "
                       "measured.</p>\n")
            .arg(QString::number(cost.totalMonthly, 'f', 0), QString::fromStdString(cost.currency));
    return html;
}

std::string RunReport::kindName(const std::string& kind) const {
    const design::ComponentDescriptor* d = m_catalog.find(kind);
    return d ? d->displayName : kind;
}

QString RunReport::nodeResults() const {
    // Widths for Qt's layout, which otherwise breaks the kinds inside words.
    QString html = QStringLiteral(
        "<table width=\"100%\"><thead><tr><th width=\"13%\">node</th><th width=\"15%\">kind"
        "</th><th width=\"7%\">busy</th><th width=\"10%\">done</th><th width=\"10%\">"
        "rejected</th><th width=\"8%\">failed</th><th width=\"11%\">max queue</th>"
        "<th>notable</th></tr></thead>");
    for (const RunSummary::Node& n : m_runs.front().facts.nodes) {
        QStringList extra;
        for (const auto& [key, value] : n.notable)
            extra << QStringLiteral("%1 %2").arg(
                QString::fromStdString(key).replace(QLatin1Char('_'), QLatin1Char(' ')),
                notableValue(value));
        html +=
            QStringLiteral("<tr><td class=\"who\">%1</td><td>%2</td><td "
                           "class=\"num\">%3%</td><td class=\"num\">%4</td>"
                           "<td class=\"num\">%5</td><td class=\"num\">%6</td><td "
                           "class=\"num\">%7</td><td>%8</td></tr>")
                .arg(esc(n.id), esc(kindName(n.kind)),
                     shown(n.utilization ? RunSummary::Number(100 * *n.utilization) : std::nullopt),
                     count(n.completed), count(n.rejected), count(n.failed), count(n.queueDepthMax),
                     extra.join(QLatin1Char('\n'))
                         .toHtmlEscaped()
                         .replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    return html + QStringLiteral("</table>");
}

QString RunReport::eventLog() const {
    QString html;
    for (const auto& run : m_runs) {
        const auto& events = run.facts.events;
        if (m_runs.size() > 1)
            html += QStringLiteral("<h3>%1</h3>").arg(esc(run.label));
        if (events.empty()) {
            html += QStringLiteral("<p class=\"muted\">No events.</p>");
            continue;
        }
        html += QStringLiteral("<table class=\"events\"><thead><tr><th>time (s)</th>"
                               "<th>event</th><th>node</th><th>detail</th></tr></thead>");
        int rows = 0;
        for (const auto& e : events) {
            if (++rows > kEventRows)
                break;
            html += QStringLiteral(
                        "<tr><td class=\"num\">%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                        .arg(number(e.timeSeconds, 2), esc(e.kind), esc(e.node), esc(e.detail));
        }
        html += QStringLiteral("</table>");
        if (events.size() > std::size_t(kEventRows))
            html += QStringLiteral("<p class=\"muted\">… and %1 more events (all of them are in "
                                   "the run's JSON).</p>")
                        .arg(events.size() - kEventRows);
    }
    return html;
}

QString RunReport::whatHappened() const {
    QString html;
    for (const auto& run : m_runs) {
        const auto it = run.summary.find("explanation");
        if (it == run.summary.end() || !it->is_array() || it->empty())
            continue;
        if (m_runs.size() > 1)
            html += QStringLiteral("<h3>%1</h3>").arg(esc(run.label));
        html += QStringLiteral("<table class=\"events\"><thead><tr><th>time (s)</th>"
                               "<th>what happened</th></tr></thead>");
        for (const auto& s : *it)
            if (s.is_object() && s.value("t_s", nlohmann::json()).is_number() &&
                s.value("text", nlohmann::json()).is_string())
                html +=
                    QStringLiteral("<tr><td class=\"num\">%1</td><td>%2</td></tr>")
                        .arg(number(s["t_s"].get<double>(), 1), esc(s["text"].get<std::string>()));
        html += QStringLiteral("</table>");
    }
    return html;
}

std::optional<QString> RunReport::build(const ImageSource& source, int imageWidth) const {
    // Building takes the first half of the progress (the diagram and each chart are the
    // slow parts); laying out and printing the pages, or encoding the HTML, the rest.
    if (!reportProgress(0))
        return std::nullopt;
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

    html += QStringLiteral("<h2>Runs</h2>\n") + runs();
    html += QStringLiteral("<h2>Verdicts</h2>\n") + verdicts();
    html += QStringLiteral("<h2>Summary</h2>\n") + summary();
    if (const QString happened = whatHappened(); !happened.isEmpty())
        html += QStringLiteral("<h2>What happened</h2>\n") + happened;

    const DiagramRenderer diagram(m_design, m_catalog);
    const QImage picture = diagram.image(1.5);
    const int diagramWidth = std::min(imageWidth, int(picture.width() / 1.5));
    html += QStringLiteral(
                "<h2>Diagram</h2>\n<p><img src=\"%1\" width=\"%2\" alt=\"design diagram\"></p>\n")
                .arg(source(QStringLiteral("diagram"), picture))
                .arg(diagramWidth);
    if (!reportProgress(0.15))
        return std::nullopt;

    html += QStringLiteral("<h2>Charts</h2>\n");
    int index = 0;
    const auto images = charts();
    if (!reportProgress(0.4))
        return std::nullopt;
    for (const auto& [name, image] : images)
        html += QStringLiteral("<p><img src=\"%1\" width=\"%2\" alt=\"%3 chart\"></p>\n")
                    .arg(source(QStringLiteral("chart%1").arg(++index), image))
                    .arg(std::min(imageWidth, image.width()))
                    .arg(name.toHtmlEscaped());
    html += markerKey();

    html += QStringLiteral("<h2>Traffic</h2>\n") + traffic();
    html += QStringLiteral("<h2>Settings</h2>\n") + settings();
    html += QStringLiteral("<h2>Nodes</h2>\n") + nodeResults();
    html += QStringLiteral("<h2>Event log</h2>\n") + eventLog();
    html += QStringLiteral("\n</body></html>\n");
    if (!reportProgress(0.5))
        return std::nullopt;
    return html;
}

QString RunReport::html() const {
    return build(
               [](const QString&, const QImage& image) {
                   return QStringLiteral("data:image/png;base64,") +
                          QString::fromLatin1(png(image).toBase64());
               },
               900)
        .value_or(QString());
}

std::string RunReport::writeHtml(const std::string& path) const {
    if (m_runs.empty())
        return "a report needs a run";
    const auto text = build(
        [](const QString&, const QImage& image) {
            return QStringLiteral("data:image/png;base64,") +
                   QString::fromLatin1(png(image).toBase64());
        },
        900);
    if (!text || !reportProgress(0.9))
        return kCancelled;
    const std::string error = writeBytes(path, text->toUtf8());
    reportProgress(1);
    return error;
}

namespace {

QPageLayout reportPageLayout() {
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(12, 12, 12, 12),
                       QPageLayout::Millimeter);
}

constexpr int kPdfResolution = 96;

} // namespace

std::unique_ptr<QTextDocument> RunReport::pdfDocument() const {
    if (m_runs.empty())
        return nullptr;
    auto document = std::make_unique<QTextDocument>();
    QTextDocument* target = document.get();
    const auto text = build(
        [target](const QString& name, const QImage& image) {
            const QString url = QStringLiteral("sbimage:") + name;
            target->addResource(QTextDocument::ImageResource, QUrl(url), image);
            return url;
        },
        680);
    if (!text)
        return nullptr;
    document->setHtml(*text);
    document->setPageSize(reportPageLayout().paintRectPixels(kPdfResolution).size());
    PageFlow::apply(*document);
    return document;
}

std::string RunReport::writePdf(const std::string& path, int* pages) const {
    if (m_runs.empty())
        return "a report needs a run";
    const std::unique_ptr<QTextDocument> document = pdfDocument();
    if (!document || !reportProgress(0.55))
        return kCancelled;

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const int pageCount = document->pageCount();
    {
        QPdfWriter writer(&buffer);
        writer.setPageLayout(reportPageLayout());
        writer.setResolution(kPdfResolution);
        writer.setTitle(QString::fromStdString(m_design.name));
        writer.setCreator(QStringLiteral("Scaleboard"));
        const QSizeF page = document->pageSize();
        QPainter painter(&writer);
        for (int i = 0; i < pageCount; ++i) {
            if (!reportProgress(0.55 + 0.4 * i / pageCount)) {
                painter.end();
                return kCancelled;
            }
            if (i > 0)
                writer.newPage();
            painter.save();
            painter.translate(0, -i * page.height());
            document->drawContents(&painter,
                                   QRectF(0, i * page.height(), page.width(), page.height()));
            painter.restore();
        }
    }
    if (pages)
        *pages = pageCount;
    const std::string error = writeBytes(path, bytes);
    reportProgress(1);
    return error;
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
