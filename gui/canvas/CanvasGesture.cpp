#include "gui/canvas/CanvasGesture.h"

#include "gui/canvas/DataCentreItem.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/NodeItem.h"
#include "gui/commands/AddLinkCommand.h"
#include "gui/commands/AssignDataCentreCommand.h"
#include "gui/commands/MoveDataCentreCommand.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/commands/ResizeDataCentreCommand.h"
#include "gui/document/DesignDocument.h"

#include <QGraphicsPathItem>
#include <QToolTip>
#include <algorithm>

namespace sb::gui {

namespace {

class LinkGesture final : public CanvasGesture {
public:
    LinkGesture(DesignScene& scene, NodeItem& source, QPointF press)
        : m_scene(scene)
        , m_source(&source)
        , m_rubber(new QGraphicsPathItem) {
        m_rubber->setPen(QPen(scene.canvasStyle().accent, 2, Qt::DashLine, Qt::RoundCap));
        m_rubber->setZValue(50);
        scene.addItem(m_rubber);
        move(press);
    }
    ~LinkGesture() override {
        if (m_target)
            m_target->setLinkTarget(NodeItem::LinkTarget::None);
        delete m_rubber;
    }

    void move(QPointF scenePoint) override {
        const QPointF start = m_source->handleSceneRect().center();
        QPainterPath path(start);
        const double reach = std::max(30.0, std::abs(scenePoint.x() - start.x()) / 2);
        path.cubicTo(start + QPointF(reach, 0), scenePoint - QPointF(reach, 0), scenePoint);
        m_rubber->setPath(path);

        NodeItem* target = m_scene.nodeAt(scenePoint, m_source);
        if (target == m_target)
            return;
        if (m_target)
            m_target->setLinkTarget(NodeItem::LinkTarget::None);
        m_target = target;
        DesignDocument& document = m_scene.document();
        if (!target) {
            Q_EMIT m_scene.statusMessage(DesignScene::tr("Drag onto another node to link it"));
            return;
        }
        const QString refusal = document.linkRefusal(m_source->id(), target->id());
        target->setLinkTarget(refusal.isEmpty() ? NodeItem::LinkTarget::Accepts
                                                : NodeItem::LinkTarget::Refuses);
        Q_EMIT m_scene.statusMessage(
            refusal.isEmpty()
                ? DesignScene::tr("Release to link %1 → %2")
                      .arg(document.shownName(m_source->id()), document.shownName(target->id()))
                : refusal);
    }

    bool finish(QPointF scenePoint, QPoint screenPoint) override {
        NodeItem* target = m_scene.nodeAt(scenePoint, m_source);
        if (!target) {
            Q_EMIT m_scene.statusMessage({});
            return true;
        }
        DesignDocument& document = m_scene.document();
        const QString refusal = document.linkRefusal(m_source->id(), target->id());
        m_scene.setLastRefusal(refusal);
        if (!refusal.isEmpty()) {
            Q_EMIT m_scene.statusMessage(refusal);
            QToolTip::showText(screenPoint, refusal);
            return true;
        }
        design::Link link;
        link.from = m_source->id();
        link.to = target->id();
        document.undoStack().push(new AddLinkCommand(document, std::move(link)));
        Q_EMIT m_scene.statusMessage(
            DesignScene::tr("Linked %1 → %2")
                .arg(document.shownName(m_source->id()), document.shownName(target->id())));
        return true;
    }

private:
    DesignScene& m_scene;
    NodeItem* m_source;
    NodeItem* m_target = nullptr;
    QGraphicsPathItem* m_rubber;
};

class NodesGesture final : public CanvasGesture {
public:
    NodesGesture(DesignScene& scene, const design::NodeId& pressed, QPointF press, int gesture)
        : m_scene(scene)
        , m_pressed(pressed)
        , m_press(press)
        , m_gesture(gesture) {
        DesignDocument& document = scene.document();
        for (const auto& id : scene.selectedNodes()) {
            const design::Node* n = document.node(id);
            m_starts[id] = QPointF(n->x, n->y);
        }
        // Areas as they are now: a data centre grows as its nodes move, and a drop should
        // go where the user saw it.
        for (const auto& [id, dc] : scene.dataCentreItems())
            m_areas[id] = dc->area();
    }
    ~NodesGesture() override { showDropTarget({}); }

    void move(QPointF scenePoint) override {
        if (m_starts.empty())
            return;
        DesignDocument& document = m_scene.document();
        if (!m_moved)
            document.undoStack().beginMacro(
                m_starts.size() == 1
                    ? DesignScene::tr("Move %1").arg(document.shownName(m_starts.begin()->first))
                    : DesignScene::tr("Move %n nodes", "", int(m_starts.size())));
        m_moved = true;
        // Snap the node under the mouse and move the others by as much, keeping their layout.
        const auto anchor = m_starts.find(m_pressed);
        const QPointF anchorStart =
            anchor == m_starts.end() ? m_starts.begin()->second : anchor->second;
        const QPointF offset = m_scene.snapped(anchorStart + scenePoint - m_press) - anchorStart;
        std::map<design::NodeId, MoveNodesCommand::Move> moves;
        for (const auto& [id, start] : m_starts)
            moves[id] = {start, start + offset};
        document.undoStack().push(new MoveNodesCommand(document, std::move(moves), m_gesture));
        showDropTarget(smallestAreaAt(m_areas, anchorStart + offset));
    }

    bool finish(QPointF, QPoint) override {
        showDropTarget({});
        if (!m_moved)
            return false;
        DesignDocument& document = m_scene.document();
        std::map<design::NodeId, AssignDataCentreCommand::Change> changes;
        for (const auto& [id, start] : m_starts) {
            const design::Node* n = document.node(id);
            if (!n)
                continue;
            const std::string target = smallestAreaAt(m_areas, QPointF(n->x, n->y));
            if (target != n->dc)
                changes[id] = {n->dc, target};
        }
        if (!changes.empty())
            document.undoStack().push(new AssignDataCentreCommand(document, std::move(changes)));
        document.undoStack().endMacro();
        return false;
    }

private:
    void showDropTarget(const std::string& target) {
        for (const auto& [id, item] : m_scene.dataCentreItems())
            item->setDropTarget(id == target && !target.empty());
    }

    DesignScene& m_scene;
    design::NodeId m_pressed;
    QPointF m_press;
    int m_gesture;
    bool m_moved = false;
    std::map<design::NodeId, QPointF> m_starts;
    std::map<std::string, QRectF> m_areas;
};

class MoveDataCentreGesture final : public CanvasGesture {
public:
    MoveDataCentreGesture(DesignScene& scene, const design::DataCentreId& id, QPointF press,
                          int gesture)
        : m_scene(scene)
        , m_start(*scene.document().design().dataCentre(id))
        , m_press(press)
        , m_gesture(gesture) {
        for (const auto& n : scene.document().design().nodes)
            if (n.dc == id.value)
                m_starts[n.id] = QPointF(n.x, n.y);
    }

    void move(QPointF scenePoint) override {
        const QPointF topLeft(m_start.x, m_start.y);
        const QPointF offset = m_scene.snapped(topLeft + scenePoint - m_press) - topLeft;
        DesignDocument& document = m_scene.document();
        document.undoStack().push(
            new MoveDataCentreCommand(document, m_start, m_starts, offset, m_gesture));
    }

    bool finish(QPointF, QPoint) override { return false; }

private:
    DesignScene& m_scene;
    design::DataCentre m_start;
    QPointF m_press;
    int m_gesture;
    std::map<design::NodeId, QPointF> m_starts;
};

class ResizeDataCentreGesture final : public CanvasGesture {
public:
    ResizeDataCentreGesture(DesignScene& scene, const DataCentreItem& item, QPointF press,
                            int gesture)
        : m_scene(scene)
        , m_start(*scene.document().design().dataCentre(item.id()))
        , m_startRect(item.area())
        , m_press(press)
        , m_gesture(gesture) {}

    void move(QPointF scenePoint) override {
        QRectF rect = m_startRect;
        const QPointF corner = m_scene.snapped(m_startRect.bottomRight() + scenePoint - m_press);
        rect.setRight(std::max(corner.x(), rect.left() + kMinimumDataCentre.width()));
        rect.setBottom(std::max(corner.y(), rect.top() + kMinimumDataCentre.height()));
        const QRectF before(m_start.x, m_start.y, m_start.width, m_start.height);
        DesignDocument& document = m_scene.document();
        document.undoStack().push(
            new ResizeDataCentreCommand(document, m_start.id, before, rect, m_gesture));
    }

    bool finish(QPointF, QPoint) override { return true; }

private:
    DesignScene& m_scene;
    design::DataCentre m_start;
    QRectF m_startRect;
    QPointF m_press;
    int m_gesture;
};

} // namespace

std::unique_ptr<CanvasGesture> CanvasGesture::link(DesignScene& scene, NodeItem& source,
                                                   QPointF press) {
    return std::make_unique<LinkGesture>(scene, source, press);
}

std::unique_ptr<CanvasGesture> CanvasGesture::nodes(DesignScene& scene,
                                                    const design::NodeId& pressed, QPointF press,
                                                    int gesture) {
    return std::make_unique<NodesGesture>(scene, pressed, press, gesture);
}

std::unique_ptr<CanvasGesture> CanvasGesture::moveDataCentre(DesignScene& scene,
                                                             const design::DataCentreId& id,
                                                             QPointF press, int gesture) {
    return std::make_unique<MoveDataCentreGesture>(scene, id, press, gesture);
}

std::unique_ptr<CanvasGesture> CanvasGesture::resizeDataCentre(DesignScene& scene,
                                                               const DataCentreItem& item,
                                                               QPointF press, int gesture) {
    return std::make_unique<ResizeDataCentreGesture>(scene, item, press, gesture);
}

std::string smallestAreaAt(const std::map<std::string, QRectF>& areas, QPointF point) {
    std::string best;
    double bestArea = 0;
    for (const auto& [id, area] : areas)
        if (area.contains(point) && (best.empty() || area.width() * area.height() < bestArea)) {
            best = id;
            bestArea = area.width() * area.height();
        }
    return best;
}

} // namespace sb::gui
