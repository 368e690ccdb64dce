#include "gui/document/DesignFragment.h"

#include "design/DesignJson.h"

#include <QMimeData>
#include <map>
#include <set>

namespace sb::gui {

namespace {

std::string idBase(const std::string& id) {
    size_t end = id.size();
    while (end > 0 && std::isdigit(static_cast<unsigned char>(id[end - 1])))
        --end;
    return end == 0 ? id : id.substr(0, end);
}

/// Hands out ids unused by the target and by each other.
class IdAllocator {
public:
    explicit IdAllocator(const design::Design& target) {
        for (const auto& n : target.nodes)
            m_taken.insert(n.id.value);
        for (const auto& dc : target.datacentres)
            m_taken.insert(dc.id.value);
    }

    std::string allocate(const std::string& wanted) {
        if (m_taken.insert(wanted).second)
            return wanted;
        const std::string base = idBase(wanted);
        for (int n = 1;; ++n) {
            std::string candidate = base + std::to_string(n);
            if (m_taken.insert(candidate).second)
                return candidate;
        }
    }

private:
    std::set<std::string> m_taken;
};

} // namespace

design::Design copyFragment(const design::Design& design, const std::vector<design::NodeId>& nodes,
                            const std::vector<design::DataCentreId>& dataCentres) {
    design::Design fragment;
    fragment.name = design.name;
    std::set<std::string> dcIds;
    for (const auto& dc : design.datacentres)
        for (const auto& wanted : dataCentres)
            if (dc.id == wanted && dcIds.insert(dc.id.value).second)
                fragment.datacentres.push_back(dc);
    const std::set<design::NodeId> nodeSet(nodes.begin(), nodes.end());
    std::set<design::NodeId> copied;
    for (const auto& n : design.nodes) {
        if (!nodeSet.count(n.id) && !dcIds.count(n.dc))
            continue;
        design::Node copy = n;
        if (!dcIds.count(copy.dc))
            copy.dc.clear();
        copied.insert(copy.id);
        fragment.nodes.push_back(std::move(copy));
    }
    for (const auto& l : design.links)
        if (copied.count(l.from) && copied.count(l.to))
            fragment.links.push_back(l);
    return fragment;
}

design::Design fragmentForPaste(design::Design fragment, const design::Design& target,
                                QPointF offset) {
    IdAllocator ids(target);
    std::map<std::string, std::string> dcRenames;
    for (auto& dc : fragment.datacentres) {
        std::string fresh = ids.allocate(dc.id.value);
        dcRenames[dc.id.value] = fresh;
        dc.id.value = fresh;
        dc.x += offset.x();
        dc.y += offset.y();
    }
    std::map<std::string, std::string> nodeRenames;
    for (auto& n : fragment.nodes) {
        std::string fresh = ids.allocate(n.id.value);
        nodeRenames[n.id.value] = fresh;
        n.id.value = fresh;
        n.x += offset.x();
        n.y += offset.y();
        auto dc = dcRenames.find(n.dc);
        n.dc = dc == dcRenames.end() ? std::string() : dc->second;
    }
    std::vector<design::Link> links;
    for (auto& l : fragment.links) {
        auto from = nodeRenames.find(l.from.value);
        auto to = nodeRenames.find(l.to.value);
        if (from == nodeRenames.end() || to == nodeRenames.end())
            continue;
        l.from.value = from->second;
        l.to.value = to->second;
        links.push_back(std::move(l));
    }
    fragment.links = std::move(links);
    return fragment;
}

QMimeData* fragmentToMimeData(const design::Design& fragment) {
    auto* mime = new QMimeData;
    const QByteArray json = QByteArray::fromStdString(design::toJson(fragment).dump(2));
    mime->setData(QString::fromLatin1(kDesignMimeType), json);
    mime->setText(QString::fromUtf8(json));
    return mime;
}

std::optional<design::Design> fragmentFromMimeData(const QMimeData* mime,
                                                   const design::DescriptorCatalog& catalog) {
    if (!mime)
        return std::nullopt;
    QByteArray bytes = mime->data(QString::fromLatin1(kDesignMimeType));
    if (bytes.isEmpty() && mime->hasText())
        bytes = mime->text().toUtf8();
    if (bytes.isEmpty())
        return std::nullopt;
    design::LoadResult loaded = design::readDraftDesign(bytes.toStdString(), catalog);
    return loaded.design;
}

} // namespace sb::gui
