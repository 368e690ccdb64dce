#include "gui/document/DesignDocument.h"

#include "design/Validation.h"

#include <QTimer>
#include <algorithm>

namespace sb::gui {

namespace {

QString displayNameOf(const design::DescriptorCatalog& catalog, const std::string& kind) {
    if (const auto* d = catalog.find(kind))
        return QString::fromStdString(d->displayName);
    return QString::fromStdString(kind).replace(QLatin1Char('_'), QLatin1Char(' '));
}

} // namespace

DesignDocument::DesignDocument(const design::DescriptorCatalog& catalog, QObject* parent)
    : QObject(parent)
    , m_catalog(catalog) {
    connect(&m_undoStack, &QUndoStack::cleanChanged, this,
            [this] { Q_EMIT modifiedChanged(isModified()); });
}

DesignDocument::~DesignDocument() {
    // Clearing the stack on the way out is no "saved" state to announce.
    disconnect(&m_undoStack, nullptr, this, nullptr);
}

void DesignDocument::reset(design::Design design) {
    m_undoStack.clear();
    m_design = std::move(design);
    reindexNodes();
    reindexLinks();
    m_unsavedWithoutHistory = false;
    announce({ChangeEvent::Type::Reset, {}, {}, {}});
    Q_EMIT modifiedChanged(isModified());
}

void DesignDocument::setFilePath(const QString& path) {
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

QString DesignDocument::displayName() const {
    if (!m_filePath.isEmpty()) {
        const qsizetype slash = m_filePath.lastIndexOf(QLatin1Char('/'));
        return m_filePath.mid(slash + 1);
    }
    if (!m_design.name.empty())
        return QString::fromStdString(m_design.name);
    return tr("Untitled");
}

bool DesignDocument::isModified() const {
    return m_unsavedWithoutHistory || !m_undoStack.isClean();
}

void DesignDocument::setSaved(bool saved) {
    if (saved)
        m_undoStack.setClean();
    m_unsavedWithoutHistory = !saved;
    Q_EMIT modifiedChanged(isModified());
}

const design::Problems& DesignDocument::problems() const {
    if (m_problemsStale) {
        m_problems = design::validate(m_design, m_catalog);
        m_problemsStale = false;
    }
    return m_problems;
}

QString DesignDocument::linkRefusal(const design::NodeId& from, const design::NodeId& to) const {
    const design::Node* a = node(from);
    const design::Node* b = node(to);
    if (!a || !b)
        return tr("Links join two nodes.");
    if (from == to)
        return tr("A node cannot link to itself.");
    if (link({from, to}))
        return tr("%1 already sends to %2.")
            .arg(QString::fromStdString(a->shownName()), QString::fromStdString(b->shownName()));
    const design::ComponentDescriptor* d = m_catalog.find(a->kind);
    if (!d)
        return tr("%1 has the unknown kind '%2'.")
            .arg(QString::fromStdString(from.value), QString::fromStdString(a->kind));
    const design::ComponentDescriptor* target = m_catalog.find(b->kind);
    if (target && design::mayLink(*d, *target))
        return {};
    const QString fromName = displayNameOf(m_catalog, a->kind);
    const QString toName = displayNameOf(m_catalog, b->kind);
    const QString reason =
        tr("%1 cannot send to %2: links point downstream, the way requests travel.")
            .arg(fromName, toName);
    const std::vector<std::string> downstream = m_catalog.downstreamKinds(*d);
    if (downstream.empty())
        return reason + QLatin1Char(' ') + tr("%1 sends to nothing.").arg(fromName);
    QStringList targets;
    for (const auto& kind : downstream)
        targets << displayNameOf(m_catalog, kind);
    return reason + QLatin1Char(' ') +
           tr("%1 may send to: %2.").arg(fromName, targets.join(QStringLiteral(", ")));
}

design::NodeId DesignDocument::freshNodeId(const std::string& kind) const {
    for (int n = 1;; ++n) {
        design::NodeId id{kind + std::to_string(n)};
        if (!node(id) && !m_design.dataCentre(design::DataCentreId{id.value}))
            return id;
    }
}

std::string DesignDocument::freshLabel(const std::string& kind) const {
    const auto* d = m_catalog.find(kind);
    const std::string base = d ? d->displayName : kind;
    const auto count = std::count_if(m_design.nodes.begin(), m_design.nodes.end(),
                                     [&](const design::Node& n) { return n.kind == kind; });
    return count == 0 ? base : base + " " + std::to_string(count + 1);
}

design::DataCentreId DesignDocument::freshDataCentreId() const {
    for (int n = 1;; ++n) {
        design::DataCentreId id{"dc" + std::to_string(n)};
        if (!m_design.dataCentre(id) && !node(design::NodeId{id.value}))
            return id;
    }
}

void DesignDocument::insertNode(int index, design::Node node) {
    const design::NodeId id = node.id;
    index = std::clamp(index, 0, static_cast<int>(m_design.nodes.size()));
    m_design.nodes.insert(m_design.nodes.begin() + index, std::move(node));
    reindexNodes();
    announce({ChangeEvent::Type::NodeAdded, id, {}, {}});
}

void DesignDocument::removeNode(const design::NodeId& id) {
    const int index = nodeIndex(id);
    if (index < 0)
        return;
    m_design.nodes.erase(m_design.nodes.begin() + index);
    reindexNodes();
    announce({ChangeEvent::Type::NodeRemoved, id, {}, {}});
}

void DesignDocument::setNodePosition(const design::NodeId& id, QPointF centre) {
    design::Node* n = mutableNode(id);
    if (!n || (n->x == centre.x() && n->y == centre.y()))
        return;
    n->x = centre.x();
    n->y = centre.y();
    announce({ChangeEvent::Type::NodeMoved, id, {}, {}});
}

void DesignDocument::setNodeProps(const design::NodeId& id, nlohmann::json props) {
    if (design::Node* n = mutableNode(id)) {
        n->props = std::move(props);
        announce({ChangeEvent::Type::NodeChanged, id, {}, {}});
    }
}

void DesignDocument::setNodeLabel(const design::NodeId& id, std::string label) {
    if (design::Node* n = mutableNode(id)) {
        n->label = std::move(label);
        announce({ChangeEvent::Type::NodeChanged, id, {}, {}});
    }
}

void DesignDocument::setNodeDataCentre(const design::NodeId& id, const design::DataCentreId& dc) {
    design::Node* n = mutableNode(id);
    if (!n || n->dc == dc.value)
        return;
    const design::DataCentreId previous{n->dc};
    n->dc = dc.value;
    announce({ChangeEvent::Type::NodeChanged, id, {}, {}});
    if (!previous.value.empty())
        announce({ChangeEvent::Type::DataCentreChanged, {}, {}, previous});
    if (!dc.value.empty())
        announce({ChangeEvent::Type::DataCentreChanged, {}, {}, dc});
}

void DesignDocument::insertLink(int index, design::Link link) {
    const design::LinkId id = link.id();
    index = std::clamp(index, 0, static_cast<int>(m_design.links.size()));
    m_design.links.insert(m_design.links.begin() + index, std::move(link));
    reindexLinks();
    announce({ChangeEvent::Type::LinkAdded, {}, id, {}});
}

void DesignDocument::removeLink(const design::LinkId& id) {
    const int index = linkIndex(id);
    if (index < 0)
        return;
    m_design.links.erase(m_design.links.begin() + index);
    reindexLinks();
    announce({ChangeEvent::Type::LinkRemoved, {}, id, {}});
}

void DesignDocument::setLinkProps(const design::LinkId& id, nlohmann::json props) {
    const int index = linkIndex(id);
    if (index < 0)
        return;
    m_design.links[static_cast<size_t>(index)].props = std::move(props);
    announce({ChangeEvent::Type::LinkChanged, {}, id, {}});
}

void DesignDocument::insertDataCentre(int index, design::DataCentre dc) {
    const design::DataCentreId id = dc.id;
    index = std::clamp(index, 0, static_cast<int>(m_design.datacentres.size()));
    m_design.datacentres.insert(m_design.datacentres.begin() + index, std::move(dc));
    announce({ChangeEvent::Type::DataCentreAdded, {}, {}, id});
}

void DesignDocument::removeDataCentre(const design::DataCentreId& id) {
    const int index = dataCentreIndex(id);
    if (index < 0)
        return;
    m_design.datacentres.erase(m_design.datacentres.begin() + index);
    announce({ChangeEvent::Type::DataCentreRemoved, {}, {}, id});
}

void DesignDocument::setDataCentre(design::DataCentre dc) {
    const int index = dataCentreIndex(dc.id);
    if (index < 0)
        return;
    const design::DataCentreId id = dc.id;
    m_design.datacentres[static_cast<size_t>(index)] = std::move(dc);
    announce({ChangeEvent::Type::DataCentreChanged, {}, {}, id});
}

void DesignDocument::reindexNodes() {
    m_nodeIndex.clear();
    m_nodeIndex.reserve(m_design.nodes.size());
    for (size_t i = 0; i < m_design.nodes.size(); ++i)
        m_nodeIndex.emplace(m_design.nodes[i].id.value, static_cast<int>(i));
}

int DesignDocument::nodeIndex(const design::NodeId& id) const {
    auto it = m_nodeIndex.find(id.value);
    return it == m_nodeIndex.end() ? -1 : it->second;
}

const design::Node* DesignDocument::node(const design::NodeId& id) const {
    const int i = nodeIndex(id);
    return i < 0 ? nullptr : &m_design.nodes[static_cast<size_t>(i)];
}

design::Node* DesignDocument::mutableNode(const design::NodeId& id) {
    const int i = nodeIndex(id);
    return i < 0 ? nullptr : &m_design.nodes[static_cast<size_t>(i)];
}

void DesignDocument::reindexLinks() {
    m_linkIndex.clear();
    for (size_t i = 0; i < m_design.links.size(); ++i)
        m_linkIndex.emplace(std::pair(m_design.links[i].from.value, m_design.links[i].to.value),
                            static_cast<int>(i));
}

int DesignDocument::linkIndex(const design::LinkId& id) const {
    auto it = m_linkIndex.find(std::pair(id.from.value, id.to.value));
    return it == m_linkIndex.end() ? -1 : it->second;
}

const design::Link* DesignDocument::link(const design::LinkId& id) const {
    const int i = linkIndex(id);
    return i < 0 ? nullptr : &m_design.links[static_cast<size_t>(i)];
}

QString DesignDocument::shownName(const design::NodeId& id) const {
    const design::Node* n = node(id);
    return QString::fromStdString(n ? n->shownName() : id.value);
}

QString DesignDocument::shownName(const design::DataCentreId& id) const {
    const int i = dataCentreIndex(id);
    return QString::fromStdString(i >= 0 ? m_design.datacentres[std::size_t(i)].shownName()
                                         : id.value);
}

int DesignDocument::dataCentreIndex(const design::DataCentreId& id) const {
    for (size_t i = 0; i < m_design.datacentres.size(); ++i)
        if (m_design.datacentres[i].id == id)
            return static_cast<int>(i);
    return -1;
}

void DesignDocument::announce(ChangeEvent event) {
    if (event.type != ChangeEvent::Type::NodeMoved)
        invalidateProblems();
    Q_EMIT changed(event);
}

void DesignDocument::invalidateProblems() {
    m_problemsStale = true;
    if (m_problemsSignalQueued)
        return;
    m_problemsSignalQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_problemsSignalQueued = false;
        Q_EMIT problemsChanged();
    });
}

} // namespace sb::gui
