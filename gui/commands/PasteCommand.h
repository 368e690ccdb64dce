#pragma once

#include "design/Design.h"

#include <QUndoCommand>

namespace sb::gui {

class DesignDocument;

/// Adds a fragment (nodes, the links among them, their data centres) whose ids are
/// already made unique for this document: paste and duplicate.
class PasteCommand final : public QUndoCommand {
public:
    PasteCommand(DesignDocument& document, design::Design fragment, const QString& text);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    design::Design m_fragment;
};

} // namespace sb::gui
