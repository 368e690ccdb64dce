#include "gui/commands/AddLinkCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

AddLinkCommand::AddLinkCommand(DesignDocument& document, design::Link link)
    : m_document(document)
    , m_link(std::move(link)) {
    setText(QObject::tr("Link %1 → %2")
                .arg(document.shownName(m_link.from), document.shownName(m_link.to)));
}

void AddLinkCommand::redo() {
    m_document.insertLink(static_cast<int>(m_document.design().links.size()), m_link);
}

void AddLinkCommand::undo() {
    m_document.removeLink(m_link.id());
}

} // namespace sb::gui
