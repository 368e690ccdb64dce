#include "gui/commands/ChangeLabelCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

ChangeLabelCommand::ChangeLabelCommand(DesignDocument& document, design::NodeId node,
                                       std::string label)
    : m_document(document)
    , m_node(std::move(node))
    , m_after(std::move(label)) {
    if (const design::Node* n = document.node(m_node))
        m_before = n->label;
    setText(QObject::tr("Rename %1 to “%2”")
                .arg(document.shownName(m_node), QString::fromStdString(m_after)));
}

void ChangeLabelCommand::redo() {
    m_document.setNodeLabel(m_node, m_after);
}

void ChangeLabelCommand::undo() {
    m_document.setNodeLabel(m_node, m_before);
}

} // namespace sb::gui
