#include "gui/panels/HistoryDock.h"

#include <QUndoView>

namespace sb::gui {

HistoryDock::HistoryDock(QUndoStack& stack, QWidget* parent)
    : QDockWidget(tr("History"), parent)
    , m_view(new QUndoView(&stack)) {
    setObjectName(QStringLiteral("historyDock"));
    m_view->setEmptyLabel(tr("<opened>"));
    m_view->setFrameShape(QFrame::NoFrame);
    setWidget(m_view);
}

} // namespace sb::gui
