#pragma once

#include "reports/RunReport.h"
#include "timeline/Timeline.h"
#include "workspace/RunRecord.h"

#include <QDockWidget>
#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace sb::gui {
class DesignDocument;

/// The run history kept in the open workspace file: one row per stored run (when, seed,
/// duration, requests, p99, errors). One selected run gives a report, or a replay in the
/// Replay dock when it kept its timeline; two selected runs give a report comparing them
/// side by side.
class RunHistoryDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit RunHistoryDock(DesignDocument& document, QWidget* parent = nullptr);

    /// Re-reads the runs from the document's workspace file.
    void refresh();
    const std::vector<ws::RunRecord>& runs() const { return m_runs; }
    QTreeWidget* runsView() const { return m_tree; }
    /// Writes a report of the selected run, or a comparison of the two selected runs, to
    /// `path` (.html or .pdf); returns an empty string on success, else the reason
    /// (RunReport::kCancelled when `progress` cancelled it, and then nothing is written).
    std::string writeReport(const std::string& path,
                            reports::RunReport::Progress progress = {}) const;
    /// Replays the selected run, when it kept its timeline: says replayRequested. Returns
    /// why it cannot (nothing or more than one selected, no timeline, a damaged one), or
    /// an empty string.
    std::string replaySelected();

Q_SIGNALS:
    /// A stored run to scrub in the Replay dock: its recorded timeline and its label.
    void replayRequested(std::shared_ptr<const timeline::Timeline> recorded, const QString& label);

private:
    void updateButtons();
    void reportWithDialog();

    DesignDocument& m_document;
    std::vector<ws::RunRecord> m_runs;
    QLabel* m_status;
    QTreeWidget* m_tree;
    QPushButton* m_report;
    QPushButton* m_replay;
};

} // namespace sb::gui
