#include "gui/commands/AssignDataCentreCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

AssignDataCentreCommand::AssignDataCentreCommand(DesignDocument& document,
                                                 std::map<design::NodeId, Change> changes)
    : m_document(document)
    , m_changes(std::move(changes)) {
    const std::string& target = m_changes.empty() ? std::string() : m_changes.begin()->second.to;
    setText(target.empty() ? QObject::tr("Take out of data centre")
                           : QObject::tr("Put into data centre %1")
                                 .arg(document.shownName(design::DataCentreId{target})));
}

void AssignDataCentreCommand::redo() {
    for (const auto& [id, change] : m_changes)
        m_document.setNodeDataCentre(id, design::DataCentreId{change.to});
}

void AssignDataCentreCommand::undo() {
    for (const auto& [id, change] : m_changes)
        m_document.setNodeDataCentre(id, design::DataCentreId{change.from});
}

} // namespace sb::gui
