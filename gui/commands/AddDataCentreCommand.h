#pragma once

#include "design/Design.h"

#include <QUndoCommand>
#include <vector>

namespace sb::gui {

class DesignDocument;

/// Adds a data-centre container, optionally around nodes that then belong to it.
class AddDataCentreCommand final : public QUndoCommand {
public:
    AddDataCentreCommand(DesignDocument& document, design::DataCentre dc,
                         std::vector<design::NodeId> members);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    design::DataCentre m_dc;
    std::vector<std::pair<design::NodeId, std::string>> m_members; ///< node, its old dc
};

} // namespace sb::gui
