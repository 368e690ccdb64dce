#pragma once

#include "design/Design.h"

#include <QUndoCommand>

namespace sb::gui {

class DesignDocument;

/// Draws one link between two nodes.
class AddLinkCommand final : public QUndoCommand {
public:
    AddLinkCommand(DesignDocument& document, design::Link link);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    design::Link m_link;
};

} // namespace sb::gui
