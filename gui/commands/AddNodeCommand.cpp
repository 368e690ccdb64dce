#include "gui/commands/AddNodeCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

AddNodeCommand::AddNodeCommand(DesignDocument& document, design::Node node)
    : m_document(document)
    , m_node(std::move(node)) {
    const auto* d = document.catalog().find(m_node.kind);
    setText(QObject::tr("Add %1").arg(
        QString::fromStdString(d ? d->displayName : m_node.kind).toLower()));
}

void AddNodeCommand::redo() {
    m_document.insertNode(static_cast<int>(m_document.design().nodes.size()), m_node);
}

void AddNodeCommand::undo() {
    m_document.removeNode(m_node.id);
}

} // namespace sb::gui
