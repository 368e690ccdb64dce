#pragma once

#include "practice/Grader.h"

#include <QDockWidget>
#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QThread;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace sb::gui {
class DesignDocument;

class EstimateForm;

/// Interview practice beside the canvas (docs/practice.md, "Practice in the window"): pick
/// a problem and read its statement, traffic, faults and targets; a countdown of 30, 45 or
/// 60 minutes that warns at 10, 5 and 1 minute; a phase checklist and notes; the
/// candidate's own estimates against the computed ones; hints one at a time; and Evaluate, which
/// grades the open design against the problem by running it (practice::grade, on a thread of its
/// own), shows the scorecard and, when the design is a workspace (.sbw), keeps the attempt in it
/// with its score, the hints used, the estimates checked and the time taken on the clock.
class PracticeDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit PracticeDock(DesignDocument& document, QWidget* parent = nullptr);
    ~PracticeDock() override;

    /// Picks the problem with this id; false when there is none.
    bool choose(const QString& id);
    const practice::Problem* problem() const;

    /// Starts the countdown at `minutes` (the 1 s timer then advances it).
    void startClock(int minutes);
    void stopClock();
    /// Moves the countdown on by `seconds` (what the timer does every second); the time taken
    /// grows by as much.
    void advance(int seconds);
    int secondsLeft() const { return m_left; }
    /// The seconds the clock has run since it was started (or the problem was chosen): the
    /// time taken an evaluated attempt is kept with.
    int timeTaken() const { return m_elapsed; }
    QString clockText() const;

    /// Shows the next hint; false when every hint is shown.
    bool showHint();
    int hintsShown() const { return m_hints; }

    /// Sets the candidate's own estimate of a quantity (average_qps, peak_qps,
    /// storage_bytes, peak_bandwidth_bps, cache_bytes, servers); false for another name.
    bool setEstimate(const QString& quantity, const QString& value);
    /// Compares the estimates typed so far with the problem's computed envelope and shows
    /// how far off each is; the checks, one per estimate that reads as a number.
    std::vector<practice::EstimateCheck> checkEstimates();

    /// Grades the open design against the chosen problem; attemptRecorded() (when the design is
    /// a workspace) and evaluated() follow.
    void evaluate();
    bool evaluating() const { return m_worker != nullptr; }
    const std::optional<practice::Scorecard>& scorecard() const { return m_card; }
    QTreeWidget* scorecardView() const { return m_scorecard; }
    QTextBrowser* evidenceView() const { return m_evidence; }
    QLabel* chartView() const { return m_chart; }

Q_SIGNALS:
    void evaluated();
    /// An evaluated attempt was added to the open workspace.
    void attemptRecorded();

private:
    void showProblem();
    void showScorecard(const std::vector<practice::EstimateCheck>& estimates);
    /// Keeps the attempt just graded in the open workspace, when it is one; the verdict says
    /// whether it was kept.
    void recordAttempt(const design::Design& graded,
                       const std::vector<practice::EstimateCheck>& estimates);
    /// Draws the evidence series of the check behind a scorecard row, with its events.
    void showChart(const QTreeWidgetItem* item);

    DesignDocument& m_document;
    QComboBox* m_problems;
    QTextBrowser* m_statement;
    QComboBox* m_length;
    QPushButton* m_start;
    QLabel* m_clock;
    QTimer* m_tick;
    QListWidget* m_phases;
    QPlainTextEdit* m_notes;
    EstimateForm* m_estimates;
    QPushButton* m_hint;
    QLabel* m_hintText;
    QPushButton* m_evaluate;
    QLabel* m_verdict;
    QTreeWidget* m_scorecard;
    QTextBrowser* m_evidence; ///< each check's evidence in full, and the review's findings
    QLabel* m_chart;          ///< the chart around the moment of the chosen check
    QTabWidget* m_pages;
    QThread* m_worker = nullptr;
    std::optional<practice::Scorecard> m_card;
    int m_left = 0;
    int m_elapsed = 0; ///< the time taken, in seconds on the clock
    int m_hints = 0;
};

} // namespace sb::gui
