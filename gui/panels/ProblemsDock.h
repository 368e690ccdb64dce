#pragma once

#include <QDockWidget>

class QListWidget;
class QListWidgetItem;

namespace sb::gui {

class DesignDocument;
class DesignScene;

/// Every validation problem of the design; clicking one selects the node it is about.
class ProblemsDock final : public QDockWidget {
    Q_OBJECT

public:
    ProblemsDock(DesignDocument& document, DesignScene& scene, QWidget* parent = nullptr);
    QListWidget* list() const { return m_list; }
    /// Brings the dock to the front with the first error current and its node selected on
    /// the canvas (a refused run says where to look).
    void showFirstError();

Q_SIGNALS:
    /// The user picked a problem about this node.
    void nodeChosen(const QString& nodeId);

private:
    void refresh();
    void choose(QListWidgetItem* item);

    DesignDocument& m_document;
    DesignScene& m_scene;
    QListWidget* m_list;
};

} // namespace sb::gui
