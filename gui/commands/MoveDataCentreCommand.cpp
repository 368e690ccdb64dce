#include "gui/commands/MoveDataCentreCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

MoveDataCentreCommand::MoveDataCentreCommand(DesignDocument& document, design::DataCentre start,
                                             std::map<design::NodeId, QPointF> nodesAtStart,
                                             QPointF offset, int gesture)
    : m_document(document)
    , m_start(std::move(start))
    , m_nodesAtStart(std::move(nodesAtStart))
    , m_offset(offset)
    , m_gesture(gesture) {
    setText(QObject::tr("Move data centre %1").arg(QString::fromStdString(m_start.shownName())));
}

void MoveDataCentreCommand::redo() {
    apply(m_offset);
}

void MoveDataCentreCommand::undo() {
    apply({});
}

bool MoveDataCentreCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const MoveDataCentreCommand*>(other);
    if (next->m_gesture != m_gesture || next->m_start.id != m_start.id)
        return false;
    m_offset = next->m_offset;
    return true;
}

void MoveDataCentreCommand::apply(QPointF offset) {
    design::DataCentre moved = m_start;
    if (const design::DataCentre* current = m_document.design().dataCentre(m_start.id)) {
        moved = *current;
        moved.x = m_start.x + offset.x();
        moved.y = m_start.y + offset.y();
    }
    for (const auto& [id, centre] : m_nodesAtStart)
        m_document.setNodePosition(id, centre + offset);
    m_document.setDataCentre(std::move(moved));
}

} // namespace sb::gui
