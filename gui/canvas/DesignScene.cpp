#include "gui/canvas/DesignScene.h"

#include "components/datacenter/RegionMatrix.h"
#include "gui/canvas/CanvasGesture.h"
#include "gui/canvas/DataCentreItem.h"
#include "gui/canvas/LabelEditor.h"
#include "gui/canvas/LinkItem.h"
#include "gui/canvas/NodeItem.h"
#include "gui/commands/AddDataCentreCommand.h"
#include "gui/commands/AddNodeCommand.h"
#include "gui/commands/ChangeLabelCommand.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/commands/PasteCommand.h"
#include "gui/commands/RemoveItemsCommand.h"
#include "gui/document/DesignDocument.h"
#include "gui/document/DesignFragment.h"
#include "render/PortLayout.h"
#include "render/ProblemMarks.h"

#include <QApplication>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <algorithm>
#include <set>

namespace sb::gui {

namespace {

QRectF nodeRect(const design::Node& n) {
    const design::Box b = design::nodeBox(n);
    return {b.x, b.y, b.width, b.height};
}

} // namespace

DesignScene::DesignScene(DesignDocument& document, QObject* parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_style(render::CanvasStyle::fromPalette(QApplication::palette())) {
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(&m_document, &DesignDocument::changed, this, &DesignScene::onChanged);
    connect(&m_document, &DesignDocument::problemsChanged, this, &DesignScene::refreshProblems);
    rebuild();
}

DesignScene::~DesignScene() {
    disconnect(&m_document, nullptr, this, nullptr);
    blockSignals(true);
    m_nodes.clear();
    m_links.clear();
    m_dataCentres.clear();
}

void DesignScene::setCanvasStyle(const render::CanvasStyle& style) {
    m_style = style;
    setBackgroundBrush(style.background);
    update();
}

QPointF DesignScene::snapped(QPointF point) const {
    if (!m_snap)
        return point;
    return {std::round(point.x() / kGridSize) * kGridSize,
            std::round(point.y() / kGridSize) * kGridSize};
}

NodeItem* DesignScene::nodeItem(const design::NodeId& id) const {
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second;
}

LinkItem* DesignScene::linkItem(const design::LinkId& id) const {
    auto it = m_links.find(id);
    return it == m_links.end() ? nullptr : it->second;
}

DataCentreItem* DesignScene::dataCentreItem(const design::DataCentreId& id) const {
    auto it = m_dataCentres.find(id.value);
    return it == m_dataCentres.end() ? nullptr : it->second;
}

design::DataCentreId DesignScene::dataCentreAt(QPointF scenePoint) const {
    std::map<std::string, QRectF> areas;
    for (const auto& [id, item] : m_dataCentres)
        areas[id] = item->area();
    return {smallestAreaAt(areas, scenePoint)};
}

QRectF DesignScene::designBounds() const {
    QRectF bounds;
    for (const auto& [id, item] : m_nodes)
        bounds |= item->sceneBoundingRect();
    for (const auto& [id, item] : m_dataCentres)
        bounds |= item->sceneBoundingRect();
    return bounds;
}

std::vector<design::NodeId> DesignScene::selectedNodes() const {
    std::vector<design::NodeId> ids;
    for (const auto& n : m_document.design().nodes)
        if (NodeItem* item = nodeItem(n.id); item && item->isSelected())
            ids.push_back(n.id);
    return ids;
}

std::vector<design::LinkId> DesignScene::selectedLinks() const {
    std::vector<design::LinkId> ids;
    for (const auto& l : m_document.design().links)
        if (LinkItem* item = linkItem(l.id()); item && item->isSelected())
            ids.push_back(l.id());
    return ids;
}

std::vector<design::DataCentreId> DesignScene::selectedDataCentres() const {
    std::vector<design::DataCentreId> ids;
    for (const auto& dc : m_document.design().datacentres)
        if (DataCentreItem* item = dataCentreItem(dc.id); item && item->isSelected())
            ids.push_back(dc.id);
    return ids;
}

void DesignScene::selectNodes(const std::vector<design::NodeId>& ids) {
    {
        const QSignalBlocker blocker(this);
        clearSelection();
        for (const auto& id : ids)
            if (NodeItem* item = nodeItem(id))
                item->setSelected(true);
    }
    Q_EMIT selectionChanged();
}

// ---- edits -------------------------------------------------------------------------

design::NodeId DesignScene::addNode(const std::string& kind, QPointF centre) {
    design::Node node;
    node.id = m_document.freshNodeId(kind);
    node.kind = kind;
    node.label = m_document.freshLabel(kind);
    const QPointF at = snapped(centre);
    node.x = at.x();
    node.y = at.y();
    node.dc = dataCentreAt(at).value;
    const design::NodeId id = node.id;
    m_document.undoStack().push(new AddNodeCommand(m_document, std::move(node)));
    selectNodes({id});
    return id;
}

void DesignScene::deleteSelection() {
    auto* command =
        new RemoveItemsCommand(m_document, selectedNodes(), selectedLinks(), selectedDataCentres());
    if (command->isEmpty()) {
        delete command;
        return;
    }
    m_document.undoStack().push(command);
}

void DesignScene::nudgeSelection(QPointF delta) {
    const auto selected = selectedNodes();
    if (selected != m_lastNudged) {
        m_lastNudged = selected;
        m_nudgeGesture = nextGesture();
    }
    std::map<design::NodeId, MoveNodesCommand::Move> moves;
    for (const auto& id : selected) {
        const design::Node* n = m_document.node(id);
        moves[id] = {QPointF(n->x, n->y), QPointF(n->x, n->y) + delta};
    }
    if (moves.empty())
        return;
    // Consecutive nudges of the same nodes merge into one undo step.
    m_document.undoStack().push(
        new MoveNodesCommand(m_document, std::move(moves), m_nudgeGesture, tr("Nudge")));
}

void DesignScene::alignSelection(Alignment alignment) {
    const auto ids = selectedNodes();
    if (ids.size() < 2)
        return;
    double left = 1e300, right = -1e300, top = 1e300, bottom = -1e300;
    for (const auto& id : ids) {
        const design::Node* n = m_document.node(id);
        left = std::min(left, n->x);
        right = std::max(right, n->x);
        top = std::min(top, n->y);
        bottom = std::max(bottom, n->y);
    }
    std::map<design::NodeId, MoveNodesCommand::Move> moves;
    for (const auto& id : ids) {
        const design::Node* n = m_document.node(id);
        QPointF to(n->x, n->y);
        switch (alignment) {
        case Alignment::Left:
            to.setX(left);
            break;
        case Alignment::Right:
            to.setX(right);
            break;
        case Alignment::Top:
            to.setY(top);
            break;
        case Alignment::Bottom:
            to.setY(bottom);
            break;
        case Alignment::HorizontalCentre:
            to.setX((left + right) / 2);
            break;
        case Alignment::VerticalCentre:
            to.setY((top + bottom) / 2);
            break;
        }
        moves[id] = {QPointF(n->x, n->y), to};
    }
    m_document.undoStack().push(
        new MoveNodesCommand(m_document, std::move(moves), nextGesture(), tr("Align")));
}

void DesignScene::distributeSelection(Qt::Orientation orientation) {
    auto ids = selectedNodes();
    if (ids.size() < 3)
        return;
    const bool horizontal = orientation == Qt::Horizontal;
    auto coordinate = [&](const design::NodeId& id) {
        const design::Node* n = m_document.node(id);
        return horizontal ? n->x : n->y;
    };
    std::sort(ids.begin(), ids.end(),
              [&](const auto& a, const auto& b) { return coordinate(a) < coordinate(b); });
    const double first = coordinate(ids.front());
    const double step = (coordinate(ids.back()) - first) / double(ids.size() - 1);
    std::map<design::NodeId, MoveNodesCommand::Move> moves;
    for (size_t i = 0; i < ids.size(); ++i) {
        const design::Node* n = m_document.node(ids[i]);
        QPointF to(n->x, n->y);
        if (horizontal)
            to.setX(first + step * double(i));
        else
            to.setY(first + step * double(i));
        moves[ids[i]] = {QPointF(n->x, n->y), to};
    }
    m_document.undoStack().push(
        new MoveNodesCommand(m_document, std::move(moves), nextGesture(), tr("Distribute")));
}

void DesignScene::addDataCentre(QPointF centre) {
    const auto members = selectedNodes();
    design::DataCentre dc;
    dc.id = m_document.freshDataCentreId();
    std::set<std::string> used;
    for (const auto& existing : m_document.design().datacentres)
        used.insert(existing.region);
    const auto regions = comp::RegionMatrix::knownRegions();
    dc.region = regions.empty() ? "us-east" : regions.front();
    for (const auto& r : regions)
        if (!used.count(r)) {
            dc.region = r;
            break;
        }
    dc.label = tr("Data centre %1").arg(m_document.design().datacentres.size() + 1).toStdString();
    std::vector<const design::Node*> nodes;
    for (const auto& id : members)
        nodes.push_back(m_document.node(id));
    const design::Box around = design::aroundNodes(nodes);
    QRectF rect(around.x, around.y, around.width, around.height);
    if (around.empty())
        rect = QRectF(QPointF(), QSizeF(480, 300)).translated(centre - QPointF(240, 150));
    const QPointF topLeft = snapped(rect.topLeft());
    dc.x = topLeft.x();
    dc.y = topLeft.y();
    dc.width = std::max(rect.width(), kMinimumDataCentre.width());
    dc.height = std::max(rect.height(), kMinimumDataCentre.height());
    m_document.undoStack().push(new AddDataCentreCommand(m_document, dc, members));
}

void DesignScene::pasteFragment(design::Design fragment, QPointF centre, const QString& text) {
    QRectF bounds;
    for (const auto& n : fragment.nodes)
        bounds |= nodeRect(n);
    for (const auto& dc : fragment.datacentres)
        bounds |= QRectF(dc.x, dc.y, dc.width, dc.height);
    const QPointF offset = snapped(centre - bounds.center());
    design::Design ready = fragmentForPaste(std::move(fragment), m_document.design(), offset);
    if (ready.nodes.empty() && ready.datacentres.empty())
        return;
    std::vector<design::NodeId> pasted;
    for (const auto& n : ready.nodes)
        pasted.push_back(n.id);
    m_document.undoStack().push(new PasteCommand(m_document, std::move(ready), text));
    selectNodes(pasted);
}

void DesignScene::duplicateSelection() {
    design::Design fragment =
        copyFragment(m_document.design(), selectedNodes(), selectedDataCentres());
    if (fragment.nodes.empty() && fragment.datacentres.empty())
        return;
    QRectF bounds;
    for (const auto& n : fragment.nodes)
        bounds |= nodeRect(n);
    pasteFragment(std::move(fragment), bounds.center() + QPointF(2 * kGridSize, 2 * kGridSize),
                  tr("Duplicate"));
}

void DesignScene::editLabel(const design::NodeId& id) {
    NodeItem* item = nodeItem(id);
    const design::Node* node = m_document.node(id);
    if (!item || !node)
        return;
    if (m_labelEditor)
        m_labelEditor->deleteLater();
    auto* editor = new LabelEditor(QString::fromStdString(node->label), item->labelSceneRect(),
                                   m_style.nodeFill);
    editor->setDefaultTextColor(m_style.text);
    addItem(editor);
    m_labelEditor = editor;
    connect(editor, &LabelEditor::committed, this, [this, id, editor](const QString& text) {
        editor->deleteLater();
        const design::Node* n = m_document.node(id);
        if (n && !text.isEmpty() && text.toStdString() != n->label)
            m_document.undoStack().push(new ChangeLabelCommand(m_document, id, text.toStdString()));
    });
    connect(editor, &LabelEditor::cancelled, editor, &QObject::deleteLater);
    setFocusItem(editor);
    editor->setFocus();
}

// ---- document -> items ---------------------------------------------------------------

void DesignScene::onChanged(const ChangeEvent& event) {
    using T = ChangeEvent::Type;
    switch (event.type) {
    case T::Reset:
        rebuild();
        break;
    case T::NodeAdded:
        addNodeItem(event.node);
        syncDataCentreOf(event.node);
        break;
    case T::NodeRemoved:
        if (NodeItem* item = nodeItem(event.node)) {
            m_nodes.erase(event.node);
            delete item;
        }
        m_linksAtNode.erase(event.node);
        for (auto& [id, dc] : m_dataCentres)
            dc->sync();
        break;
    case T::NodeChanged:
        if (NodeItem* item = nodeItem(event.node))
            item->sync();
        syncDataCentreOf(event.node);
        break;
    case T::NodeMoved:
        if (NodeItem* item = nodeItem(event.node))
            item->sync();
        syncLinksAt({event.node});
        syncDataCentreOf(event.node);
        break;
    case T::LinkAdded:
        addLinkItem(event.link);
        syncLinksAt({event.link.from, event.link.to});
        break;
    case T::LinkRemoved:
        removeLinkItem(event.link);
        syncLinksAt({event.link.from, event.link.to});
        break;
    case T::LinkChanged:
        if (LinkItem* item = linkItem(event.link))
            item->sync();
        break;
    case T::DataCentreAdded:
        addDataCentreItem(event.dataCentre);
        break;
    case T::DataCentreRemoved:
        if (DataCentreItem* item = dataCentreItem(event.dataCentre)) {
            m_dataCentres.erase(event.dataCentre.value);
            delete item;
        }
        break;
    case T::DataCentreChanged:
        if (DataCentreItem* item = dataCentreItem(event.dataCentre))
            item->sync();
        break;
    }
}

void DesignScene::rebuild() {
    m_activeGesture.reset();
    delete m_labelEditor;
    // Delete only the design's own items (other layers, e.g. live traffic, add theirs),
    // and forget them first: selection signals fire while they go.
    std::vector<QGraphicsItem*> owned;
    for (const auto& [id, item] : m_nodes)
        owned.push_back(item);
    for (const auto& [id, item] : m_links)
        owned.push_back(item);
    for (const auto& [id, item] : m_dataCentres)
        owned.push_back(item);
    m_nodes.clear();
    m_links.clear();
    m_dataCentres.clear();
    m_linksAtNode.clear();
    for (QGraphicsItem* item : owned)
        delete item;
    const design::Design& d = m_document.design();
    for (const auto& dc : d.datacentres)
        addDataCentreItem(dc.id);
    for (const auto& n : d.nodes)
        addNodeItem(n.id);
    for (const auto& l : d.links)
        addLinkItem(l.id());
    for (const auto& n : d.nodes)
        layoutPortsAt(n.id);
    for (auto& [id, item] : m_links)
        item->sync();
    setBackgroundBrush(m_style.background);
    refreshProblems();
}

void DesignScene::refreshProblems() {
    const render::ProblemMarks marks = render::ProblemMarks::of(m_document.problems());
    for (auto& [id, item] : m_nodes) {
        auto it = marks.nodes.find(id.value);
        if (it == marks.nodes.end())
            item->setProblems({}, {});
        else
            item->setProblems(it->second.errors, it->second.warnings);
    }
    for (auto& [id, item] : m_links) {
        auto it = marks.links.find(render::ProblemMarks::linkKey(id));
        item->setProblems(it == marks.links.end() ? QStringList() : it->second);
    }
}

void DesignScene::syncLinksAt(std::initializer_list<design::NodeId> nodes) {
    // The nodes' ports, and their neighbours': where a node stands orders their sides too.
    std::set<design::NodeId> ends;
    for (const auto& node : nodes) {
        ends.insert(node);
        if (auto it = m_linksAtNode.find(node); it != m_linksAtNode.end())
            for (const auto& id : it->second)
                ends.insert(id.from == node ? id.to : id.from);
    }
    std::set<design::LinkId> touched;
    for (const auto& end : ends)
        for (const auto& id : layoutPortsAt(end))
            touched.insert(id);
    for (const auto& id : touched)
        if (LinkItem* item = linkItem(id))
            item->sync();
}

std::vector<design::LinkId> DesignScene::layoutPortsAt(const design::NodeId& node) {
    auto it = m_linksAtNode.find(node);
    if (it == m_linksAtNode.end())
        return {};
    const render::PortLayout layout = render::PortLayout::at(m_document.design(), node, it->second);
    std::vector<design::LinkId> touched;
    for (const auto& [id, offset] : layout.outgoing) {
        if (LinkItem* item = linkItem(id))
            item->setStartPort(offset);
        touched.push_back(id);
    }
    for (const auto& [id, offset] : layout.incoming) {
        if (LinkItem* item = linkItem(id))
            item->setEndPort(offset);
        touched.push_back(id);
    }
    return touched;
}

void DesignScene::syncDataCentreOf(const design::NodeId& node) {
    const design::Node* n = m_document.node(node);
    if (!n || n->dc.empty())
        return;
    if (DataCentreItem* item = dataCentreItem(design::DataCentreId{n->dc}))
        item->sync();
}

void DesignScene::addNodeItem(const design::NodeId& id) {
    if (nodeItem(id))
        return;
    auto* item = new NodeItem(m_document, id);
    m_nodes[id] = item;
    addItem(item);
}

void DesignScene::addLinkItem(const design::LinkId& id) {
    if (linkItem(id))
        return;
    auto* item = new LinkItem(m_document, id);
    m_links[id] = item;
    m_linksAtNode[id.from].push_back(id);
    m_linksAtNode[id.to].push_back(id);
    addItem(item);
}

void DesignScene::removeLinkItem(const design::LinkId& id) {
    if (LinkItem* item = linkItem(id)) {
        m_links.erase(id);
        delete item;
    }
    for (const auto& end : {id.from, id.to}) {
        auto it = m_linksAtNode.find(end);
        if (it != m_linksAtNode.end())
            std::erase(it->second, id);
    }
}

void DesignScene::addDataCentreItem(const design::DataCentreId& id) {
    if (dataCentreItem(id))
        return;
    auto* item = new DataCentreItem(m_document, id);
    m_dataCentres[id.value] = item;
    addItem(item);
}

// ---- gestures --------------------------------------------------------------------------

NodeItem* DesignScene::nodeAt(QPointF scenePoint, const NodeItem* except) const {
    for (QGraphicsItem* item : items(scenePoint))
        if (item->type() == NodeItem::Type && item != except)
            return static_cast<NodeItem*>(item);
    return nullptr;
}

NodeItem* DesignScene::handleAt(QPointF scenePoint) const {
    for (QGraphicsItem* item : items(scenePoint)) {
        if (item->type() != NodeItem::Type)
            continue;
        auto* node = static_cast<NodeItem*>(item);
        return node->handleSceneRect().contains(scenePoint) ? node : nullptr;
    }
    return nullptr;
}

void DesignScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    m_activeGesture.reset();
    m_moved = false;
    if (event->button() != Qt::LeftButton || (m_labelEditor && m_labelEditor->isUnderMouse())) {
        QGraphicsScene::mousePressEvent(event);
        return;
    }
    m_pressPos = event->scenePos();
    if (NodeItem* source = handleAt(event->scenePos())) {
        m_activeGesture = CanvasGesture::link(*this, *source, event->scenePos());
        event->accept();
        return;
    }
    for (const auto& [id, dc] : m_dataCentres) {
        if (!dc->gripSceneRect().contains(event->scenePos()))
            continue;
        clearSelection();
        dc->setSelected(true);
        m_activeGesture =
            CanvasGesture::resizeDataCentre(*this, *dc, event->scenePos(), nextGesture());
        event->accept();
        return;
    }

    QGraphicsScene::mousePressEvent(event);
    QGraphicsItem* grabber = mouseGrabberItem();
    if (!grabber)
        return;
    if (grabber->type() == NodeItem::Type) {
        m_activeGesture = CanvasGesture::nodes(*this, static_cast<NodeItem*>(grabber)->id(),
                                               event->scenePos(), nextGesture());
    } else if (grabber->type() == DataCentreItem::Type) {
        auto* dc = static_cast<DataCentreItem*>(grabber);
        if (dc->headerSceneRect().contains(event->scenePos()))
            m_activeGesture =
                CanvasGesture::moveDataCentre(*this, dc->id(), event->scenePos(), nextGesture());
    }
}

void DesignScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    const QPointF pos = event->scenePos();
    if (!m_activeGesture) {
        QGraphicsScene::mouseMoveEvent(event);
        return;
    }
    // A press that has not yet moved past the drag threshold is still a click.
    if (!m_moved &&
        (event->screenPos() - event->buttonDownScreenPos(Qt::LeftButton)).manhattanLength() <
            QApplication::startDragDistance() &&
        QLineF(pos, m_pressPos).length() < 3)
        return;
    m_moved = true;
    m_activeGesture->move(pos);
}

void DesignScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    const std::unique_ptr<CanvasGesture> gesture = std::move(m_activeGesture);
    if (gesture && gesture->finish(event->scenePos(), event->screenPos())) {
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
}

void DesignScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
    if (NodeItem* node = nodeAt(event->scenePos()); node && event->button() == Qt::LeftButton) {
        editLabel(node->id());
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void DesignScene::keyPressEvent(QKeyEvent* event) {
    if (focusItem() && focusItem() == m_labelEditor) {
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    const double step = (event->modifiers() & Qt::ShiftModifier) ? 5 * kGridSize
                        : m_snap                                 ? kGridSize
                                                                 : 1;
    QPointF delta;
    switch (event->key()) {
    case Qt::Key_Left:
        delta = {-step, 0};
        break;
    case Qt::Key_Right:
        delta = {step, 0};
        break;
    case Qt::Key_Up:
        delta = {0, -step};
        break;
    case Qt::Key_Down:
        delta = {0, step};
        break;
    case Qt::Key_F2:
        if (const auto ids = selectedNodes(); ids.size() == 1) {
            editLabel(ids.front());
            event->accept();
            return;
        }
        break;
    default:
        break;
    }
    if (!delta.isNull() && !selectedNodes().empty()) {
        nudgeSelection(delta);
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

} // namespace sb::gui
