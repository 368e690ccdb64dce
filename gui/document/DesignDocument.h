#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"
#include "design/Geometry.h"
#include "design/Problem.h"
#include "gui/document/ChangeEvent.h"

#include <QObject>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QUndoStack>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

namespace sb::gui {

/// The design being edited: owns the sb::design::Design and its undo stack, and announces
/// every change with one typed signal. Edits go through QUndoCommand classes (commands/),
/// which call the primitive setters below; views only read.
class DesignDocument : public QObject {
    Q_OBJECT

public:
    explicit DesignDocument(const design::DescriptorCatalog& catalog, QObject* parent = nullptr);
    ~DesignDocument() override;

    const design::Design& design() const { return m_design; }
    const design::DescriptorCatalog& catalog() const { return m_catalog; }
    QUndoStack& undoStack() { return m_undoStack; }

    /// Replaces the whole design (new, open, recover) and clears the history.
    void reset(design::Design design);

    /// Where the document was last opened from or saved to; empty for a new document.
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& path);
    /// Title shown in the window: the design's name, else the file name, else "Untitled".
    QString displayName() const;
    bool isModified() const;
    /// Marks the current state as saved (or, with false, as holding unsaved work).
    void setSaved(bool saved);

    /// Validation problems of the current design, recomputed after each change.
    const design::Problems& problems() const;

    /// Why a link from `from` to `to` may not be drawn, or an empty string when it may.
    QString linkRefusal(const design::NodeId& from, const design::NodeId& to) const;
    /// An unused node id for a kind ("web_server3"), and a label to go with it.
    design::NodeId freshNodeId(const std::string& kind) const;
    std::string freshLabel(const std::string& kind) const;
    design::DataCentreId freshDataCentreId() const;

    // Primitive edits, used by the undo commands. Each emits changed().
    void insertNode(int index, design::Node node);
    void removeNode(const design::NodeId& id);
    void setNodePosition(const design::NodeId& id, QPointF centre);
    void setNodeProps(const design::NodeId& id, nlohmann::json props);
    void setNodeLabel(const design::NodeId& id, std::string label);
    void setNodeDataCentre(const design::NodeId& id, const design::DataCentreId& dc);
    void insertLink(int index, design::Link link);
    void removeLink(const design::LinkId& id);
    void setLinkProps(const design::LinkId& id, nlohmann::json props);
    void insertDataCentre(int index, design::DataCentre dc);
    void removeDataCentre(const design::DataCentreId& id);
    void setDataCentre(design::DataCentre dc);

    int nodeIndex(const design::NodeId& id) const;
    /// The node with this id, or null. A hash look-up: the document keeps an index of its
    /// node ids, where Design::node() searches every node (too slow for large designs).
    const design::Node* node(const design::NodeId& id) const;
    /// How a node or a data centre reads in messages and undo texts: its label, else its id.
    QString shownName(const design::NodeId& id) const;
    QString shownName(const design::DataCentreId& id) const;
    /// The link with this id, or null; indexed like node().
    const design::Link* link(const design::LinkId& id) const;
    int linkIndex(const design::LinkId& id) const;
    int dataCentreIndex(const design::DataCentreId& id) const;

    /// Size of a node's card on the canvas; node x/y in the design is its centre.
    static constexpr double kNodeWidth = design::kNodeWidth;
    static constexpr double kNodeHeight = design::kNodeHeight;

Q_SIGNALS:
    void changed(const sb::gui::ChangeEvent& event);
    /// The validation problems changed (emitted after a batch of edits settles).
    void problemsChanged();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);

private:
    void announce(ChangeEvent event);
    void reindexNodes();
    void reindexLinks();
    design::Node* mutableNode(const design::NodeId& id);
    void invalidateProblems();

    const design::DescriptorCatalog& m_catalog;
    design::Design m_design;
    std::unordered_map<std::string, int> m_nodeIndex; ///< node id -> position in nodes
    std::map<std::pair<std::string, std::string>, int> m_linkIndex; ///< (from, to) -> position
    QUndoStack m_undoStack;
    QString m_filePath;
    bool m_unsavedWithoutHistory = false;
    mutable design::Problems m_problems;
    mutable bool m_problemsStale = true;
    bool m_problemsSignalQueued = false;
};

} // namespace sb::gui
