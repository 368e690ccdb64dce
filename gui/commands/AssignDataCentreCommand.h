#pragma once

#include "design/Ids.h"

#include <QUndoCommand>
#include <map>
#include <string>

namespace sb::gui {

class DesignDocument;

/// Puts nodes into a data centre or takes them out (an empty id).
class AssignDataCentreCommand final : public QUndoCommand {
public:
    struct Change {
        std::string from;
        std::string to;
    };

    AssignDataCentreCommand(DesignDocument& document, std::map<design::NodeId, Change> changes);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    std::map<design::NodeId, Change> m_changes;
};

} // namespace sb::gui
