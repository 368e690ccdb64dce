#pragma once

#include <QDockWidget>

class QUndoStack;
class QUndoView;

namespace sb::gui {

/// The undo history: every edit by name; clicking one goes back (or forward) to it.
class HistoryDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit HistoryDock(QUndoStack& stack, QWidget* parent = nullptr);
    QUndoView* view() const { return m_view; }

private:
    QUndoView* m_view;
};

} // namespace sb::gui
