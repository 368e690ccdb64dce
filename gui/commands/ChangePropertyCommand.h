#pragma once

#include "design/Ids.h"
#include "gui/document/PropertyPath.h"

#include <QUndoCommand>
#include <vector>

namespace sb::gui {

class DesignDocument;

/// Sets one property on one or more nodes (null = back to the kind's default).
class ChangePropertyCommand final : public QUndoCommand {
public:
    ChangePropertyCommand(DesignDocument& document, std::vector<design::NodeId> nodes,
                          PropertyPath path, nlohmann::json value);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    std::vector<design::NodeId> m_nodes;
    std::vector<nlohmann::json> m_before; ///< each node's props before
    PropertyPath m_path;
    nlohmann::json m_value;
};

} // namespace sb::gui
