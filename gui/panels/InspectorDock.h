#pragma once

#include <QDockWidget>

class QLabel;
class QLineEdit;
class QScrollArea;

namespace sb::gui {

class DesignDocument;
class DesignScene;
class PropertyForm;

/// Shows and edits what is selected on the canvas: nodes of one kind (their label and the
/// properties their kind's descriptor declares, several at once), links (latency, jitter,
/// loss and the properties their sending kind declares for its links) or a data centre (region,
/// label). Every edit is an undo command.
class InspectorDock final : public QDockWidget {
    Q_OBJECT

public:
    InspectorDock(DesignDocument& document, DesignScene& scene, QWidget* parent = nullptr);

    PropertyForm* form() const { return m_form; }
    QLineEdit* labelEdit() const { return m_label; }
    /// Re-reads the selection and the document.
    void refresh();

private:
    void commitLabel();

    DesignDocument& m_document;
    DesignScene& m_scene;
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_subtitle;
    QLineEdit* m_label;
    QLabel* m_labelCaption;
    QLabel* m_problems;
    PropertyForm* m_form;
    QScrollArea* m_formArea;
    QLabel* m_empty;
    bool m_refreshQueued = false;
};

} // namespace sb::gui
