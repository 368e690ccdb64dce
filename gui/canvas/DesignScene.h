#pragma once

#include "design/Design.h"
#include "gui/document/ChangeEvent.h"
#include "render/CanvasStyle.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <initializer_list>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

namespace sb::gui {

class DesignDocument;
class NodeItem;
class LinkItem;
class CanvasGesture;
class DataCentreItem;
class LabelEditor;

enum class Alignment { Left, Right, Top, Bottom, HorizontalCentre, VerticalCentre };

/// The canvas: one item per node, link and data centre of the document, created and
/// destroyed as the document changes. Mouse gestures become undo commands: dragging
/// nodes (merged while dragging; dropping into a data centre puts them in it), dragging a
/// node's handle to another node (a refused link says why), moving and resizing data
/// centres, nudging with the arrow keys, renaming a label in place.
class DesignScene final : public QGraphicsScene {
    Q_OBJECT

public:
    explicit DesignScene(DesignDocument& document, QObject* parent = nullptr);
    ~DesignScene() override;

    DesignDocument& document() { return m_document; }
    const render::CanvasStyle& canvasStyle() const { return m_style; }
    void setCanvasStyle(const render::CanvasStyle& style);

    static constexpr double kGridSize = 20;
    bool snapsToGrid() const { return m_snap; }
    void setSnapToGrid(bool on) { m_snap = on; }
    QPointF snapped(QPointF point) const;

    NodeItem* nodeItem(const design::NodeId& id) const;
    LinkItem* linkItem(const design::LinkId& id) const;
    DataCentreItem* dataCentreItem(const design::DataCentreId& id) const;
    /// The data centre whose area holds a point (the smallest, when they overlap).
    design::DataCentreId dataCentreAt(QPointF scenePoint) const;
    /// Bounding rectangle of everything drawn.
    QRectF designBounds() const;

    std::vector<design::NodeId> selectedNodes() const;
    std::vector<design::LinkId> selectedLinks() const;
    std::vector<design::DataCentreId> selectedDataCentres() const;
    void selectNodes(const std::vector<design::NodeId>& ids);

    // Edits, each one undoable.
    design::NodeId addNode(const std::string& kind, QPointF centre);
    void deleteSelection();
    void nudgeSelection(QPointF delta);
    void alignSelection(Alignment alignment);
    void distributeSelection(Qt::Orientation orientation);
    /// Adds a data centre around the selected nodes, or an empty one centred on `centre`.
    void addDataCentre(QPointF centre);
    /// Adds a fragment with fresh ids, its middle placed at `centre`; selects what it added.
    void pasteFragment(design::Design fragment, QPointF centre, const QString& text);
    void duplicateSelection();
    /// Opens the in-place label editor on a node.
    void editLabel(const design::NodeId& id);

    /// The reason the last refused link gave (empty when the last link drawn was accepted).
    QString lastRefusal() const { return m_lastRefusal; }
    void setLastRefusal(const QString& reason) { m_lastRefusal = reason; }

    /// The node under a point (not `except`), or null.
    NodeItem* nodeAt(QPointF scenePoint, const NodeItem* except = nullptr) const;
    const std::map<std::string, DataCentreItem*>& dataCentreItems() const { return m_dataCentres; }

Q_SIGNALS:
    /// A short message for the status bar.
    void statusMessage(const QString& text);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void onChanged(const ChangeEvent& event);
    void rebuild();
    void refreshProblems();
    /// Re-lays the ports at these nodes and their neighbours, and re-syncs those links.
    void syncLinksAt(std::initializer_list<design::NodeId> nodes);
    /// Gives each link at a node its own port on the node's side; returns those links.
    std::vector<design::LinkId> layoutPortsAt(const design::NodeId& node);
    void syncDataCentreOf(const design::NodeId& node);
    void addNodeItem(const design::NodeId& id);
    void addLinkItem(const design::LinkId& id);
    void addDataCentreItem(const design::DataCentreId& id);
    void removeLinkItem(const design::LinkId& id);
    NodeItem* handleAt(QPointF scenePoint) const;
    int nextGesture() { return ++m_gesture; }

    DesignDocument& m_document;
    render::CanvasStyle m_style;
    bool m_snap = true;
    std::unordered_map<design::NodeId, NodeItem*> m_nodes;
    std::unordered_map<design::LinkId, LinkItem*> m_links;
    std::map<std::string, DataCentreItem*> m_dataCentres;
    std::unordered_map<design::NodeId, std::vector<design::LinkId>> m_linksAtNode;

    // The gesture under way (CanvasGesture), and the id merging its undo commands.
    std::unique_ptr<CanvasGesture> m_activeGesture;
    int m_gesture = 0;
    int m_nudgeGesture = 0;
    std::vector<design::NodeId> m_lastNudged;
    bool m_moved = false;
    QPointF m_pressPos;
    QString m_lastRefusal;
    QPointer<LabelEditor> m_labelEditor;
};

} // namespace sb::gui
