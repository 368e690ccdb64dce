#include "gui/commands/RemoveItemsCommand.h"

#include "gui/document/DesignDocument.h"

#include <algorithm>
#include <set>

namespace sb::gui {

RemoveItemsCommand::RemoveItemsCommand(DesignDocument& document,
                                       const std::vector<design::NodeId>& nodes,
                                       const std::vector<design::LinkId>& links,
                                       const std::vector<design::DataCentreId>& dataCentres)
    : m_document(document) {
    const design::Design& d = document.design();
    const std::set<design::NodeId> nodeSet(nodes.begin(), nodes.end());
    const std::set<design::LinkId> linkSet(links.begin(), links.end());
    std::set<std::string> dcSet;
    for (const auto& id : dataCentres)
        dcSet.insert(id.value);

    for (size_t i = 0; i < d.nodes.size(); ++i) {
        const design::Node& n = d.nodes[i];
        if (nodeSet.count(n.id))
            m_nodes.push_back({static_cast<int>(i), n});
        else if (!n.dc.empty() && dcSet.count(n.dc))
            m_orphans.emplace_back(n.id, n.dc);
    }
    for (size_t i = 0; i < d.links.size(); ++i) {
        const design::Link& l = d.links[i];
        if (linkSet.count(l.id()) || nodeSet.count(l.from) || nodeSet.count(l.to))
            m_links.push_back({static_cast<int>(i), l});
    }
    for (size_t i = 0; i < d.datacentres.size(); ++i)
        if (dcSet.count(d.datacentres[i].id.value))
            m_dataCentres.push_back({static_cast<int>(i), d.datacentres[i]});

    const auto count = m_nodes.size() + m_dataCentres.size();
    if (count == 0)
        setText(m_links.size() == 1 ? QObject::tr("Delete link")
                                    : QObject::tr("Delete %n links", "", int(m_links.size())));
    else if (count == 1 && m_nodes.size() == 1)
        setText(QObject::tr("Delete %1")
                    .arg(QString::fromStdString(m_nodes.front().value.shownName())));
    else
        setText(QObject::tr("Delete %n items", "", int(count + m_links.size())));
}

void RemoveItemsCommand::redo() {
    for (const auto& [id, dc] : m_orphans)
        m_document.setNodeDataCentre(id, {});
    for (auto it = m_links.rbegin(); it != m_links.rend(); ++it)
        m_document.removeLink(it->value.id());
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it)
        m_document.removeNode(it->value.id);
    for (auto it = m_dataCentres.rbegin(); it != m_dataCentres.rend(); ++it)
        m_document.removeDataCentre(it->value.id);
}

void RemoveItemsCommand::undo() {
    for (const auto& dc : m_dataCentres)
        m_document.insertDataCentre(dc.index, dc.value);
    for (const auto& n : m_nodes)
        m_document.insertNode(n.index, n.value);
    for (const auto& l : m_links)
        m_document.insertLink(l.index, l.value);
    for (const auto& [id, dc] : m_orphans)
        m_document.setNodeDataCentre(id, design::DataCentreId{dc});
}

} // namespace sb::gui
