#pragma once

#include "design/Ids.h"

#include <QUndoCommand>
#include <string>

namespace sb::gui {

class DesignDocument;

/// Renames a node's label (its id stays).
class ChangeLabelCommand final : public QUndoCommand {
public:
    ChangeLabelCommand(DesignDocument& document, design::NodeId node, std::string label);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    design::NodeId m_node;
    std::string m_before;
    std::string m_after;
};

} // namespace sb::gui
