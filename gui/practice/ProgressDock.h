#pragma once

#include "practice/Progress.h"

#include <QDockWidget>
#include <vector>

class QLabel;
class QTreeWidget;

namespace sb::gui {
class DesignDocument;

/// The practice attempts kept in the open workspace (docs/practice.md, "Progress"): one row
/// per problem (attempts, best score, last result, its time taken, the targets it missed)
/// with every attempt beneath it. Tools > Practice progress… shows it; it re-reads the
/// workspace when the document's file changes and when the Practice dock records an attempt.
class ProgressDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit ProgressDock(DesignDocument& document, QWidget* parent = nullptr);

    /// Re-reads the attempts from the document's workspace file.
    void refresh();
    const std::vector<practice::ProblemProgress>& progress() const { return m_progress; }
    QTreeWidget* progressView() const { return m_tree; }
    QLabel* statusView() const { return m_status; }

private:
    DesignDocument& m_document;
    std::vector<practice::ProblemProgress> m_progress;
    QLabel* m_status;
    QTreeWidget* m_tree;
};

} // namespace sb::gui
