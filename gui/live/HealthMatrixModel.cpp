#include "gui/live/HealthMatrixModel.h"

#include "gui/live/LiveKinds.h"

#include "gui/live/LiveFormat.h"
#include "gui/live/RunRecord.h"

#include <QBrush>
#include <QColor>
#include <algorithm>
#include <optional>

namespace sb::gui {

namespace {

constexpr std::size_t kSparklineRows = 300; // the last 30 s at the default 0.1 s rows

/// The last of a column's first `n` rows, at most kSparklinePoints of them (the worst of
/// each bucket).
QList<double> recent(const std::vector<double>& values, std::size_t n) {
    QList<double> out;
    n = std::min(n, values.size());
    const std::size_t from = n > kSparklineRows ? n - kSparklineRows : 0;
    const std::size_t span = n - from;
    const std::size_t bucket = std::max<std::size_t>(
        1, (span + HealthMatrixModel::kSparklinePoints - 1) / HealthMatrixModel::kSparklinePoints);
    for (std::size_t i = from; i < n; i += bucket) {
        double worst = values[i];
        for (std::size_t j = i; j < std::min(n, i + bucket); ++j)
            worst = std::max(worst, values[j]);
        out.append(worst);
    }
    return out;
}

/// A column's value at the last of the record's first `rows` rows; none when the record
/// has no such column or no such row.
std::optional<double> valueAt(const RunRecord& record, const std::string& column,
                              std::size_t rows) {
    const int c = record.column(column);
    if (c < 0)
        return std::nullopt;
    const auto& values = record.values[std::size_t(c)];
    const std::size_t n = std::min(rows, values.size());
    return n == 0 ? std::nullopt : std::optional<double>(values[n - 1]);
}

} // namespace

HealthMatrixModel::HealthMatrixModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void HealthMatrixModel::reset(const RunRecord& record) {
    beginResetModel();
    m_rows.clear();
    for (const auto& [id, kind] : record.nodes) {
        if (!isMeasured(kind) && !isTrafficSource(kind))
            continue; // a monitor watches; it serves nothing to show
        Row row;
        row.id = id;
        row.kind = kind;
        m_rows.push_back(row);
    }
    endResetModel();
}

void HealthMatrixModel::readRows(const RunRecord& record, std::size_t rows) {
    for (Row& row : m_rows) {
        const bool clients = isTrafficSource(row.kind);
        row.columns[Utilisation] = record.column(row.id + ".utilization");
        row.columns[Queue] = record.column(row.id + ".queue");
        row.columns[Errors] = record.column(row.id + ".errors_rps");
        row.columns[Latency] = record.column(clients ? "latency_mean_ms" : row.id + ".latency_ms");
        for (int c : {int(Utilisation), int(Queue), int(Errors), int(Latency)})
            if (row.columns[c] >= 0) {
                const auto& values = record.values[std::size_t(row.columns[c])];
                const std::size_t n = std::min(rows, values.size());
                row.lines[c] = recent(values, n);
                row.current[c] = n == 0 ? 0 : values[n - 1];
            }
        row.breaker = breakerState(valueAt(record, row.id + ".breaker_open", rows).value_or(0));
    }
}

void HealthMatrixModel::rank() {
    for (Row& row : m_rows) {
        const double errors = row.current[Errors];
        row.severity = (row.up ? 0.0 : 10.0) + std::min(errors / 10.0, 3.0) +
                       (row.breaker == BreakerState::Open ? 2.0 : 0.0) + row.current[Utilisation] +
                       std::min(row.current[Queue] / 100.0, 1.0);
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void HealthMatrixModel::showMoment(const RunRecord& record, double seconds) {
    const auto after = std::upper_bound(record.times.begin(), record.times.end(), seconds + 1e-9);
    const auto rows = static_cast<std::size_t>(after - record.times.begin());
    readRows(record, rows);
    for (Row& row : m_rows) {
        row.up = valueAt(record, row.id + ".up", rows).value_or(1) > 0.5;
        row.measured = row.columns[Latency] >= 0 && row.current[Latency] > 0;
        row.momentOnly = true;
    }
    rank();
}

void HealthMatrixModel::refresh(const RunRecord& record, const emu::SnapshotPtr& latest) {
    readRows(record, record.rows());
    for (Row& row : m_rows)
        row.momentOnly = false;
    if (latest) {
        for (const emu::NodeSnapshot& n : latest->nodes) {
            auto row = std::find_if(m_rows.begin(), m_rows.end(),
                                    [&](const Row& r) { return r.id == n.id; });
            if (row == m_rows.end())
                continue;
            row->up = n.up;
            if (isTrafficSource(row->kind)) {
                row->measured = latest->ok > 0;
                row->current[Latency] = latest->meanMs;
                row->p50Ms = latest->p50Ms;
                row->p99Ms = latest->p99Ms;
            } else {
                row->measured = n.served > 0;
                row->current[Latency] = n.latencyMeanMs;
                row->p50Ms = n.latencyP50Ms;
                row->p99Ms = n.latencyP99Ms;
            }
        }
    }
    rank();
}

int HealthMatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HealthMatrixModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HealthMatrixModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    const int c = index.column();
    if (role == kNodeIdRole)
        return QString::fromStdString(row.id);
    if (role == kSortRole) {
        if (c == NodeColumn)
            return QString::fromStdString(row.id);
        return c == HealthColumn ? row.severity : row.current[c];
    }
    if (role == kSparklineRole && c >= Utilisation)
        return QVariant::fromValue(row.lines[c]);
    if (role == Qt::DisplayRole) {
        switch (c) {
        case NodeColumn:
            return QStringLiteral("%1  ·  %2")
                .arg(QString::fromStdString(row.id), QString::fromStdString(row.kind));
        case HealthColumn:
            if (!row.up)
                return tr("DOWN");
            if (row.breaker == BreakerState::Open)
                return tr("breaker open");
            if (row.breaker == BreakerState::HalfOpen)
                return tr("breaker half-open");
            return row.severity >= 1.5    ? tr("critical")
                   : row.severity >= 0.85 ? tr("strained")
                                          : tr("ok");
        case Utilisation:
            return QStringLiteral("%1%").arg(qRound(row.current[c] * 100));
        case Queue:
        case Errors:
            return formatCount(row.current[c]);
        case Latency:
            return row.measured ? QStringLiteral("%1 ms").arg(formatMs(row.current[c]))
                                : QStringLiteral("–");
        }
    }
    if (role == Qt::ForegroundRole && c == HealthColumn)
        return QBrush(!row.up || row.severity >= 1.5 || row.breaker == BreakerState::Open
                          ? QColor(0xd9, 0x36, 0x36)
                      : row.severity >= 0.85 ? QColor(0xc7, 0x85, 0x0f)
                                             : QColor(0x2e, 0xa4, 0x4f));
    if (role == Qt::ToolTipRole && c == Latency) {
        if (!row.measured)
            return isTrafficSource(row.kind) ? tr("No request has finished yet")
                                             : tr("Nothing has queued or been served here");
        const QString what = isTrafficSource(row.kind)
                                 ? tr("Measured end-to-end latency of the requests")
                                 : tr("Measured time requests spent in this node (queue "
                                      "wait + service)");
        if (row.momentOnly)
            return tr("%1 during the interval shown: mean %2 ms. The sparkline shows each "
                      "interval's mean up to it.")
                .arg(what, formatMs(row.current[c]));
        return tr("%1 since the warm-up: mean %2 ms, p50 %3 ms, p99 %4 ms. The sparkline "
                  "shows each interval's mean.")
            .arg(what, formatMs(row.current[c]), formatMs(row.p50Ms), formatMs(row.p99Ms));
    }
    return {};
}

QVariant HealthMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NodeColumn:
        return tr("Node");
    case HealthColumn:
        return tr("Health");
    case Utilisation:
        return tr("Utilisation");
    case Queue:
        return tr("Queue");
    case Errors:
        return tr("Errors/s");
    case Latency:
        return tr("Latency (mean)");
    }
    return {};
}

} // namespace sb::gui
