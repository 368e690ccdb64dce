#pragma once

#include "experiments/Experiment.h"
#include "workspace/ExperimentRecord.h"

#include <QDockWidget>

#include <atomic>
#include <memory>
#include <thread>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QChartView;

namespace sb::gui {
class DesignDocument;
class DesignScene;
class PropertyForm;

/// Experiments in the window: the factors to vary (right-click a property in the
/// inspector: "Vary NODE.PROPERTY in an experiment"), replications, run length and
/// targets; a run in the background on every core with a progress bar and Cancel; the
/// table of each point's mean and 95% interval with the targets' verdicts, and a chart of
/// the chosen metric against the first factor with its confidence band (one line per
/// combination of the other factors). The same library and seeds as scaleboard-cli
/// experiment, so the numbers equal the command line's (docs/experiments.md). When the
/// design is a workspace (.sbw), each finished experiment is kept in it, and the
/// experiments kept there are listed and shown again (table and chart) as they were
/// measured.
class ExperimentsDock final : public QDockWidget {
    Q_OBJECT

public:
    ExperimentsDock(DesignDocument& document, DesignScene& scene, PropertyForm& inspectorForm,
                    QWidget* parent = nullptr);
    ~ExperimentsDock() override;

    /// Adds (or refills) a factor for NODE.PROPERTY, its values around the current one.
    void vary(const std::string& node, const std::string& property);
    /// The inspector's context menu at `formPos` (in the form's coordinates): "Vary ..."
    /// for the top-level property whose row is there, on the first selected node; null
    /// when there is none.
    std::unique_ptr<QMenu> propertyMenu(const QPoint& formPos);

    /// Starts the experiment in the background; false (with the reason shown) when a
    /// factor, the run length or a target is wrong.
    bool run();
    /// Asks a running experiment to stop: runs not started are skipped.
    void cancel();
    bool running() const { return m_worker != nullptr; }
    /// Runs the first replication of result row `row` again, with its seed in the
    /// experiment (so its numbers are that replication's), in the background, and emits
    /// runReady with the whole result (the window keeps it in the workspace's run history).
    /// Double-clicking a row does this. False when a run is under way or there is no row.
    bool openRun(int row);

    /// Reads the experiments kept in the open workspace into the "Kept" list (empty when
    /// the design is not a .sbw file).
    void refreshKept();
    /// Shows kept experiment `index` of the list (its plan, table and chart) as it was
    /// measured; false (with the reason shown) when it cannot be read.
    bool showKept(int index);

    const experiments::Plan& plan() const { return m_plan; }
    const std::vector<experiments::PointResult>& points() const { return m_points; }

    QTableWidget* factors() const { return m_factors; }
    QSpinBox* replications() const { return m_replications; }
    QDoubleSpinBox* duration() const { return m_duration; }
    QLineEdit* targets() const { return m_targets; }
    QComboBox* metricChoice() const { return m_metric; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    /// Writes the experiment shown as an .html or .pdf report (File > Export's report of
    /// an experiment); returns why it could not, or an empty string.
    QString writeReport(const QString& path);
    QPushButton* reportButton() const { return m_report; }
    QProgressBar* progress() const { return m_progress; }
    QLabel* status() const { return m_status; }
    QTableWidget* results() const { return m_results; }
    QChartView* chart() const { return m_chart; }
    QComboBox* keptChoice() const { return m_keptChoice; }

Q_SIGNALS:
    /// The experiment ended: its results are shown, or the status says why not.
    void finished();
    /// A point's run, re-run by openRun, with a label naming the point and its seed.
    void runReady(const sb::emu::RunResult& result, const QString& label);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onDone(std::vector<experiments::PointResult> points, const QString& error);
    /// Keeps the finished experiment in the open workspace; says so in the status.
    void keep();
    /// Fills the metric choice from m_plan and shows m_points.
    void showExperiment();
    void showResults();
    void plot();
    void join();

    DesignDocument& m_document;
    DesignScene& m_scene;
    PropertyForm& m_form;
    QTableWidget* m_factors;
    QSpinBox* m_replications;
    QDoubleSpinBox* m_duration;
    QSpinBox* m_jobs;
    QLineEdit* m_targets;
    QComboBox* m_metric;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_report;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableWidget* m_results;
    QChartView* m_chart;
    QComboBox* m_keptChoice;
    std::vector<ws::ExperimentRecord> m_kept;

    experiments::Plan m_plan;
    std::vector<experiments::PointResult> m_points;
    std::unique_ptr<std::thread> m_worker;
    std::atomic<bool> m_cancelRequested{false};
};

} // namespace sb::gui
