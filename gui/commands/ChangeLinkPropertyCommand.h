#pragma once

#include "design/Ids.h"
#include "gui/document/PropertyPath.h"

#include <QUndoCommand>
#include <vector>

namespace sb::gui {

class DesignDocument;

/// Sets one property (latency_ms, jitter_ms, loss) on one or more links.
class ChangeLinkPropertyCommand final : public QUndoCommand {
public:
    ChangeLinkPropertyCommand(DesignDocument& document, std::vector<design::LinkId> links,
                              PropertyPath path, nlohmann::json value);
    void redo() override;
    void undo() override;

private:
    DesignDocument& m_document;
    std::vector<design::LinkId> m_links;
    std::vector<nlohmann::json> m_before;
    PropertyPath m_path;
    nlohmann::json m_value;
};

} // namespace sb::gui
