#pragma once

#include "gui/live/RunRecord.h"

#include <QDockWidget>
#include <QTimer>
#include <functional>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineSeries;

namespace sb::gui {

class LiveRun;
class SeriesChartView;

/// The live charts (Qt Charts): latency p50/p95/p99, throughput, error rate, cache and CDN
/// hit rate, queue depth, replication lag and per-node CPU. They plot the engine's series
/// rows as they arrive (the same numbers as the CLI's --csv), scroll with the run, zoom,
/// mark fault moments, show per-node lines for a chosen tier or node (or one mean line
/// per tier), and overlay an earlier run for comparison.
class ChartsDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit ChartsDock(LiveRun& run, QWidget* parent = nullptr);
    ~ChartsDock() override;

    /// What the per-node charts show: "" = one mean line per tier, "tier:<kind>" = every
    /// node of a kind, "node:<id>" = one node.
    void setScope(const QString& scope);
    QString scope() const { return m_scope; }

    /// Overlays an earlier run (dashed lines) until cleared.
    void setBaseline(const RunRecord& baseline);
    void clearBaseline();
    bool hasBaseline() const { return m_baseline.has_value(); }

    /// Plots what arrived since the last refresh now (the dock does so five times a second).
    void flush();

    /// A cursor at a moment of the run on every chart (the Replay dock's scrub), or none.
    void showTimeCursor(std::optional<double> seconds);
    std::vector<SeriesChartView*> charts() const;
    /// The live line that plots an engine series column, or null ("latency_p99_ms",
    /// "web1.utilization" when the scope shows that node).
    QLineSeries* lineFor(const std::string& column) const;
    /// The baseline's line for a column, or null.
    QLineSeries* baselineFor(const std::string& column) const;

private:
    struct Line {
        std::string column; ///< an engine column, or "" for a tier mean
        std::string kind;   ///< tier mean: the kind averaged
        std::string suffix; ///< tier mean: the column suffix ("utilization")
        QLineSeries* series = nullptr;
        QLineSeries* baseline = nullptr;
    };
    struct Chart {
        QString title;
        QString unit;
        std::vector<std::string> columns;                   ///< system columns
        std::string suffix;                                 ///< per-node column suffix
        std::function<bool(const std::string& kind)> kinds; ///< nodes it applies to
        bool liveEndpointOnly = false; ///< shown only for a run serving real requests
        SeriesChartView* view = nullptr;
        std::vector<Line> lines;
        double largest = 0;
    };

    void onStarted();
    void rebuildLines();
    void rebuildScopeBox();
    void plot(std::size_t firstRow);
    void refreshMarkers();
    static double valueAt(const RunRecord& record, const Line& line, std::size_t row,
                          const std::vector<int>& columns);
    std::vector<int> columnsOf(const RunRecord& record, const Line& line) const;

    LiveRun& m_run;
    QComboBox* m_scopeBox;
    QLabel* m_status;
    QGridLayout* m_grid;
    std::vector<Chart> m_charts;
    QString m_scope;
    std::optional<RunRecord> m_baseline;
    QTimer m_refresh;
    std::size_t m_pendingRow = SIZE_MAX;
    std::size_t m_markedEvents = 0;
};

} // namespace sb::gui
