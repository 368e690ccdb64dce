#include "gui/commands/PasteCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

PasteCommand::PasteCommand(DesignDocument& document, design::Design fragment, const QString& text)
    : m_document(document)
    , m_fragment(std::move(fragment)) {
    setText(text);
}

void PasteCommand::redo() {
    for (const auto& dc : m_fragment.datacentres)
        m_document.insertDataCentre(static_cast<int>(m_document.design().datacentres.size()), dc);
    for (const auto& n : m_fragment.nodes)
        m_document.insertNode(static_cast<int>(m_document.design().nodes.size()), n);
    for (const auto& l : m_fragment.links)
        m_document.insertLink(static_cast<int>(m_document.design().links.size()), l);
}

void PasteCommand::undo() {
    for (auto it = m_fragment.links.rbegin(); it != m_fragment.links.rend(); ++it)
        m_document.removeLink(it->id());
    for (auto it = m_fragment.nodes.rbegin(); it != m_fragment.nodes.rend(); ++it)
        m_document.removeNode(it->id);
    for (auto it = m_fragment.datacentres.rbegin(); it != m_fragment.datacentres.rend(); ++it)
        m_document.removeDataCentre(it->id);
}

} // namespace sb::gui
