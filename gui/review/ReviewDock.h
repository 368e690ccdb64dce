#pragma once

#include <QDockWidget>

class QTreeWidget;
class QLabel;
class QTimer;

namespace sb::review {
struct Finding;
} // namespace sb::review

namespace sb::gui {
class DesignDocument;

/// The design review beside the canvas: the findings for the current design (single points
/// of failure first), each naming its node and the template that shows the fix; refreshed
/// shortly after every edit. Activating a finding about a node emits nodeChosen.
class ReviewDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit ReviewDock(DesignDocument& document, QWidget* parent = nullptr);

    /// Reviews the document now (edits schedule it after a short pause).
    void refresh();
    QTreeWidget* findingsView() const { return m_tree; }

Q_SIGNALS:
    void nodeChosen(const QString& nodeId);

private:
    DesignDocument& m_document;
    QLabel* m_status;
    QTreeWidget* m_tree;
    QTimer* m_delay;
};

} // namespace sb::gui
