#pragma once

#include <QDockWidget>

class QListWidget;

namespace sb::gui {

class DesignDocument;
class DesignScene;

/// Every validation problem of the design; clicking one selects the node it is about.
class ProblemsDock final : public QDockWidget {
    Q_OBJECT

public:
    ProblemsDock(DesignDocument& document, DesignScene& scene, QWidget* parent = nullptr);
    QListWidget* list() const { return m_list; }

Q_SIGNALS:
    /// The user picked a problem about this node.
    void nodeChosen(const QString& nodeId);

private:
    void refresh();

    DesignDocument& m_document;
    QListWidget* m_list;
};

} // namespace sb::gui
