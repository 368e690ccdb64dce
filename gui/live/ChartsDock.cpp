#include "gui/live/ChartsDock.h"
#include "gui/panels/Scrolling.h"

#include "design/Roles.h"
#include "gui/live/LiveKinds.h"
#include "gui/live/LiveRun.h"
#include "gui/live/SeriesChartView.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <set>

namespace sb::gui {

namespace {

constexpr int kRefreshMs = 200;
constexpr std::size_t kMaxNodeLines = 16;
constexpr int kColumns = 3;

const std::set<std::string> kMarkedEvents = {
    "node_failed",      "node_recovered", "failover",  "promoted",
    "dc_failed",        "dc_recovered",   "partition", "partition_healed",
    "link_cut",         "link_restored",  "chaos",     "slowed",
    "property_changed", "reshard",        "scale_out", "alert_fired"};

QString lineName(const std::string& column) {
    static const std::pair<const char*, const char*> names[] = {
        {"latency_p50_ms", "p50"},      {"latency_p95_ms", "p95"},
        {"latency_p99_ms", "p99"},      {"throughput_rps", "served"},
        {"offered_rps", "offered"},     {"error_rate", "error rate"},
        {"errors_rps", "errors/s"},     {"real_requests", "real requests"},
        {"real_failed", "real, failed"}};
    for (const auto& [c, n] : names)
        if (column == c)
            return QCoreApplication::translate("ChartsDock", n);
    return QString::fromStdString(column.substr(0, column.rfind('.')));
}

/// "db down", "replica1 promoted", "partition dc1".
QString markerText(const emu::LogEvent& e) {
    static const std::pair<const char*, const char*> words[] = {
        {"node_failed", "down"},         {"node_recovered", "up"}, {"dc_failed", "DC down"},
        {"dc_recovered", "DC up"},       {"link_cut", "cut"},      {"link_restored", "restored"},
        {"property_changed", "changed"}, {"alert_fired", "alert"}, {"scale_out", "scale-out"},
        {"partition_healed", "healed"}};
    QString what = QString::fromStdString(e.kind);
    for (const auto& [kind, word] : words)
        if (e.kind == kind)
            what = QCoreApplication::translate("ChartsDock", word);
    return e.node.empty() ? what : QString::fromStdString(e.node) + QLatin1Char(' ') + what;
}

bool measured(const std::string& kind) {
    return isMeasured(kind);
}

} // namespace

ChartsDock::ChartsDock(LiveRun& run, QWidget* parent)
    : QDockWidget(tr("Charts"), parent)
    , m_run(run)
    , m_scopeBox(new QComboBox)
    , m_status(new QLabel) {
    setObjectName(QStringLiteral("chartsDock"));
    auto chart = [this](const QString& title, const QString& unit, std::vector<std::string> columns,
                        std::string suffix, std::function<bool(const std::string&)> kinds) {
        Chart c;
        c.title = title;
        c.unit = unit;
        c.columns = std::move(columns);
        c.suffix = std::move(suffix);
        c.kinds = std::move(kinds);
        m_charts.push_back(std::move(c));
    };
    chart(tr("Latency"), tr("ms"), {"latency_p50_ms", "latency_p95_ms", "latency_p99_ms"}, {}, {});
    chart(tr("Throughput"), tr("req/s"), {"throughput_rps", "offered_rps"}, {}, {});
    chart(tr("Error rate"), tr("fraction failed"), {"error_rate"}, {}, {});
    chart(tr("Cache and CDN hit rate"), tr("fraction hit"), {}, "hit_rate",
          [](const std::string& k) {
              return hasRole(k, design::roles::kCache) || hasRole(k, design::roles::kEdgeCache);
          });
    chart(tr("Queue depth"), tr("requests waiting"), {}, "queue", measured);
    chart(tr("Replication lag"), tr("ms"), {}, "lag_ms",
          [](const std::string& k) { return hasRole(k, design::roles::kReplica); });
    chart(tr("CPU utilisation"), tr("busy fraction"), {}, "utilization", measured);
    // Only for a run with the live endpoint on from its start: its real requests, apart
    // (they are in the latency, throughput and error charts with the generated ones).
    chart(tr("Real requests (live endpoint)"), tr("requests so far"),
          {"real_requests", "real_failed"}, {}, {});
    m_charts.back().liveEndpointOnly = true;
    auto* body = new QWidget;
    auto* outer = new QVBoxLayout(body);
    outer->setContentsMargins(6, 4, 6, 4);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Per-node charts show:")));
    m_scopeBox->setObjectName(QStringLiteral("chartScope"));
    m_scopeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    top->addWidget(m_scopeBox);
    top->addStretch(1);
    m_status->setObjectName(QStringLiteral("chartStatus"));
    top->addWidget(m_status);
    outer->addLayout(top);
    m_grid = new QGridLayout;
    m_grid->setSpacing(4);
    for (Chart& c : m_charts)
        c.view = new SeriesChartView(c.title, c.unit, body); // owned even while not in the grid
    outer->addLayout(m_grid, 1);
    setWidget(scrolling(body));

    connect(m_scopeBox, &QComboBox::activated, this,
            [this](int index) { setScope(m_scopeBox->itemData(index).toString()); });
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &ChartsDock::flush);
    connect(&m_run, &LiveRun::cleared, this, [this] {
        m_baseline.reset(); // a comparison sets its baseline after its run starts
        showTimeCursor(std::nullopt);
        onStarted();
    });
    connect(&m_run, &LiveRun::rowsChanged, this, [this](std::size_t first) {
        m_pendingRow = std::min(m_pendingRow, first);
        if (!m_refresh.isActive())
            m_refresh.start();
    });
    connect(&m_run, &LiveRun::finished, this, &ChartsDock::flush);
    rebuildScopeBox();
    rebuildLines();
}

ChartsDock::~ChartsDock() = default;

void ChartsDock::showTimeCursor(std::optional<double> seconds) {
    for (const Chart& c : m_charts)
        c.view->setTimeCursor(seconds);
}

std::vector<SeriesChartView*> ChartsDock::charts() const {
    std::vector<SeriesChartView*> out;
    for (const Chart& c : m_charts)
        out.push_back(c.view);
    return out;
}

QLineSeries* ChartsDock::lineFor(const std::string& column) const {
    for (const Chart& c : m_charts)
        for (const Line& l : c.lines)
            if (l.column == column)
                return l.series;
    return nullptr;
}

QLineSeries* ChartsDock::baselineFor(const std::string& column) const {
    for (const Chart& c : m_charts)
        for (const Line& l : c.lines)
            if (l.column == column)
                return l.baseline;
    return nullptr;
}

void ChartsDock::setScope(const QString& scope) {
    m_scope = scope;
    const int index = m_scopeBox->findData(scope);
    if (index >= 0)
        m_scopeBox->setCurrentIndex(index);
    rebuildLines();
}

void ChartsDock::setBaseline(const RunRecord& baseline) {
    m_baseline = baseline;
    rebuildLines();
}

void ChartsDock::clearBaseline() {
    m_baseline.reset();
    rebuildLines();
}

void ChartsDock::onStarted() {
    m_markedEvents = 0;
    m_pendingRow = SIZE_MAX;
    for (Chart& c : m_charts)
        c.view->setFollow(true);
    rebuildScopeBox();
    rebuildLines();
}

void ChartsDock::rebuildScopeBox() {
    const QString keep = m_scope;
    m_scopeBox->clear();
    m_scopeBox->addItem(tr("one mean line per tier"), QString());
    std::vector<std::string> kinds;
    for (const auto& [id, kind] : m_run.record().nodes)
        if (measured(kind) && std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
            kinds.push_back(kind);
    for (const auto& kind : kinds)
        m_scopeBox->addItem(tr("tier: %1").arg(kindName(kind)),
                            QStringLiteral("tier:") + QString::fromStdString(kind));
    for (const auto& [id, kind] : m_run.record().nodes)
        if (measured(kind))
            m_scopeBox->addItem(tr("node: %1").arg(QString::fromStdString(id)),
                                QStringLiteral("node:") + QString::fromStdString(id));
    const int index = m_scopeBox->findData(keep);
    m_scope = index >= 0 ? keep : QString();
    m_scopeBox->setCurrentIndex(std::max(index, 0));
}

void ChartsDock::rebuildLines() {
    const RunRecord& record = m_run.record();
    const auto& nodes = record.nodes;
    for (Chart& c : m_charts) {
        c.view->chart()->removeAllSeries();
        c.lines.clear();
        c.largest = 0;
        auto line = [&c](std::string column, std::string kind, std::string suffix) {
            Line l;
            l.column = std::move(column);
            l.kind = std::move(kind);
            l.suffix = std::move(suffix);
            c.lines.push_back(std::move(l));
        };
        if (!c.liveEndpointOnly || m_run.recordsRealRequests())
            for (const auto& column : c.columns)
                line(column, {}, {});
        if (!c.suffix.empty()) {
            if (m_scope.isEmpty()) {
                std::vector<std::string> kinds;
                for (const auto& [id, kind] : nodes)
                    if (c.kinds(kind) && std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
                        kinds.push_back(kind);
                for (const auto& kind : kinds)
                    line({}, kind, c.suffix);
            } else {
                const bool tier = m_scope.startsWith(QLatin1String("tier:"));
                const std::string wanted = m_scope.section(QLatin1Char(':'), 1).toStdString();
                for (const auto& [id, kind] : nodes)
                    if (c.kinds(kind) && (tier ? kind == wanted : id == wanted) &&
                        c.lines.size() < kMaxNodeLines)
                        line(id + "." + c.suffix, {}, {});
            }
        }
        for (Line& l : c.lines) {
            l.series = new QLineSeries;
            l.series->setName(l.column.empty() ? kindName(l.kind) : lineName(l.column));
            c.view->chart()->addSeries(l.series);
            l.series->attachAxis(c.view->timeAxis());
            l.series->attachAxis(c.view->valueAxis());
            QPen pen = l.series->pen();
            pen.setWidthF(1.6);
            l.series->setPen(pen);
            if (m_baseline && !columnsOf(*m_baseline, l).empty()) {
                l.baseline = new QLineSeries;
                l.baseline->setName(l.series->name() + QStringLiteral(" · ") + m_baseline->label);
                c.view->chart()->addSeries(l.baseline);
                l.baseline->attachAxis(c.view->timeAxis());
                l.baseline->attachAxis(c.view->valueAxis());
                QPen dashed(pen.color().lighter(135), 1.3, Qt::DashLine);
                l.baseline->setPen(dashed);
                const std::vector<int> cols = columnsOf(*m_baseline, l);
                QList<QPointF> points;
                points.reserve(qsizetype(m_baseline->rows()));
                for (std::size_t r = 0; r < m_baseline->rows(); ++r) {
                    const double v = valueAt(*m_baseline, l, r, cols);
                    points.append({m_baseline->times[r], v});
                    c.largest = std::max(c.largest, v);
                }
                l.baseline->replace(points);
            }
        }
        c.view->setVisible(!c.lines.empty());
    }
    // The charts that have lines, in order, without gaps.
    int slot = 0;
    for (Chart& c : m_charts) {
        m_grid->removeWidget(c.view);
        if (!c.lines.empty()) {
            m_grid->addWidget(c.view, slot / kColumns, slot % kColumns);
            ++slot;
        }
    }
    plot(0);
    refreshMarkers();
}

std::vector<int> ChartsDock::columnsOf(const RunRecord& record, const Line& line) const {
    std::vector<int> out;
    if (!line.column.empty()) {
        if (int c = record.column(line.column); c >= 0)
            out.push_back(c);
        return out;
    }
    for (const auto& [id, kind] : record.nodes)
        if (kind == line.kind)
            if (int c = record.column(id + "." + line.suffix); c >= 0)
                out.push_back(c);
    return out;
}

double ChartsDock::valueAt(const RunRecord& record, const Line& line, std::size_t row,
                           const std::vector<int>& columns) {
    if (columns.empty())
        return 0;
    double sum = 0;
    for (int c : columns)
        sum += record.values[std::size_t(c)][row];
    return line.column.empty() ? sum / double(columns.size()) : sum;
}

void ChartsDock::flush() {
    m_refresh.stop();
    if (m_pendingRow != SIZE_MAX)
        plot(m_pendingRow);
    m_pendingRow = SIZE_MAX;
    refreshMarkers();
}

void ChartsDock::plot(std::size_t firstRow) {
    const RunRecord& record = m_run.record();
    const double now = record.rows() ? record.times.back() : 0.0;
    for (Chart& c : m_charts) {
        for (Line& l : c.lines) {
            const std::vector<int> cols = columnsOf(record, l);
            const std::size_t have = std::size_t(l.series->count());
            const bool replace = firstRow < have || have > record.rows();
            const std::size_t from = replace ? 0 : have;
            QList<QPointF> points;
            points.reserve(qsizetype(record.rows() - std::min(from, record.rows())));
            for (std::size_t r = from; r < record.rows(); ++r) {
                const double v = valueAt(record, l, r, cols);
                points.append({record.times[r], v});
                c.largest = std::max(c.largest, v);
            }
            if (replace)
                l.series->replace(points);
            else if (!points.isEmpty())
                l.series->append(points);
        }
        c.view->fit(now, c.largest);
    }
    m_status->setText(record.rows() ? tr("%n point(s) per line", "", int(record.rows()))
                                    : QString());
}

void ChartsDock::refreshMarkers() {
    const auto& events = m_run.record().events;
    if (m_markedEvents == events.size() && m_markedEvents != 0)
        return;
    std::vector<SeriesChartView::Marker> markers;
    for (const emu::LogEvent& e : events)
        if (kMarkedEvents.count(e.kind))
            markers.push_back({emu::toSeconds(e.time), markerText(e)});
    m_markedEvents = events.size();
    for (Chart& c : m_charts)
        c.view->setMarkers(markers);
}

} // namespace sb::gui
