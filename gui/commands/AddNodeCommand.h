#pragma once

#include "design/Design.h"

#include <QUndoCommand>

namespace sb::gui {

class DesignDocument;

/// Places one new node on the canvas.
class AddNodeCommand final : public QUndoCommand {
public:
    AddNodeCommand(DesignDocument& document, design::Node node);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    design::Node m_node;
};

} // namespace sb::gui
