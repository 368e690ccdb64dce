#include "gui/commands/ChangeLinkPropertyCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

ChangeLinkPropertyCommand::ChangeLinkPropertyCommand(DesignDocument& document,
                                                     std::vector<design::LinkId> links,
                                                     PropertyPath path, nlohmann::json value)
    : m_document(document)
    , m_links(std::move(links))
    , m_path(std::move(path))
    , m_value(std::move(value)) {
    for (const auto& id : m_links) {
        const design::Link* l = document.design().link(id);
        m_before.push_back(l ? l->props : nlohmann::json::object());
    }
    const QString name = QString::fromStdString(m_path.text());
    setText(
        m_value.is_null()
            ? QObject::tr("Reset link %1").arg(name)
            : QObject::tr("Set link %1 to %2").arg(name, QString::fromStdString(m_value.dump())));
}

void ChangeLinkPropertyCommand::redo() {
    for (size_t i = 0; i < m_links.size(); ++i)
        m_document.setLinkProps(m_links[i], m_path.withValue(m_before[i], m_value));
}

void ChangeLinkPropertyCommand::undo() {
    for (size_t i = 0; i < m_links.size(); ++i)
        m_document.setLinkProps(m_links[i], m_before[i]);
}

} // namespace sb::gui
