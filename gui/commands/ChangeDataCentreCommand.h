#pragma once

#include "design/Design.h"

#include <QUndoCommand>

namespace sb::gui {

class DesignDocument;

/// Changes a data centre's region or label.
class ChangeDataCentreCommand final : public QUndoCommand {
public:
    ChangeDataCentreCommand(DesignDocument& document, design::DataCentre before,
                            design::DataCentre after);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    design::DataCentre m_before;
    design::DataCentre m_after;
};

} // namespace sb::gui
