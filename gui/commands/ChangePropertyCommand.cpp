#include "gui/commands/ChangePropertyCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

ChangePropertyCommand::ChangePropertyCommand(DesignDocument& document,
                                             std::vector<design::NodeId> nodes, PropertyPath path,
                                             nlohmann::json value)
    : m_document(document)
    , m_nodes(std::move(nodes))
    , m_path(std::move(path))
    , m_value(std::move(value)) {
    for (const auto& id : m_nodes) {
        const design::Node* n = document.node(id);
        m_before.push_back(n ? n->props : nlohmann::json::object());
    }
    QString name = QString::fromStdString(m_path.text());
    if (m_nodes.size() == 1)
        name = QObject::tr("%1 of %2").arg(name, document.shownName(m_nodes.front()));
    setText(m_value.is_null() ? QObject::tr("Reset %1").arg(name)
                              : QObject::tr("Set %1 to %2")
                                    .arg(name, QString::fromStdString(
                                                   m_value.is_string() ? m_value.get<std::string>()
                                                                       : m_value.dump())));
}

void ChangePropertyCommand::redo() {
    for (size_t i = 0; i < m_nodes.size(); ++i)
        m_document.setNodeProps(m_nodes[i], m_path.withValue(m_before[i], m_value));
}

void ChangePropertyCommand::undo() {
    for (size_t i = 0; i < m_nodes.size(); ++i)
        m_document.setNodeProps(m_nodes[i], m_before[i]);
}

} // namespace sb::gui
