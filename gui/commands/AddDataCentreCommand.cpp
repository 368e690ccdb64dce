#include "gui/commands/AddDataCentreCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

AddDataCentreCommand::AddDataCentreCommand(DesignDocument& document, design::DataCentre dc,
                                           std::vector<design::NodeId> members)
    : m_document(document)
    , m_dc(std::move(dc)) {
    for (auto& id : members)
        if (const design::Node* n = document.node(id))
            m_members.emplace_back(id, n->dc);
    setText(QObject::tr("Add data centre %1").arg(QString::fromStdString(m_dc.shownName())));
}

void AddDataCentreCommand::redo() {
    m_document.insertDataCentre(static_cast<int>(m_document.design().datacentres.size()), m_dc);
    for (const auto& [id, old] : m_members)
        m_document.setNodeDataCentre(id, m_dc.id);
}

void AddDataCentreCommand::undo() {
    for (const auto& [id, old] : m_members)
        m_document.setNodeDataCentre(id, design::DataCentreId{old});
    m_document.removeDataCentre(m_dc.id);
}

} // namespace sb::gui
