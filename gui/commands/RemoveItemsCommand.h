#pragma once

#include "design/Design.h"

#include <QUndoCommand>
#include <vector>

namespace sb::gui {

class DesignDocument;

/// Deletes nodes (with the links touching them), links and data centres in one step.
/// A removed data centre's nodes stay on the canvas, outside any data centre. Undo puts
/// everything back at its old place in the design's lists, so the file is as before.
class RemoveItemsCommand final : public QUndoCommand {
public:
    RemoveItemsCommand(DesignDocument& document, const std::vector<design::NodeId>& nodes,
                       const std::vector<design::LinkId>& links,
                       const std::vector<design::DataCentreId>& dataCentres);
    void redo() override;
    void undo() override;
    bool isEmpty() const { return m_nodes.empty() && m_links.empty() && m_dataCentres.empty(); }

private:
    template <typename T> struct Indexed {
        int index;
        T value;
    };

    DesignDocument& m_document;
    std::vector<Indexed<design::Node>> m_nodes;                    ///< ascending index
    std::vector<Indexed<design::Link>> m_links;                    ///< ascending index
    std::vector<Indexed<design::DataCentre>> m_dataCentres;        ///< ascending index
    std::vector<std::pair<design::NodeId, std::string>> m_orphans; ///< kept nodes, old dc
};

} // namespace sb::gui
