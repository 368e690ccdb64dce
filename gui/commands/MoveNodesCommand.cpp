#include "gui/commands/MoveNodesCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

MoveNodesCommand::MoveNodesCommand(DesignDocument& document, std::map<design::NodeId, Move> moves,
                                   int gesture, const QString& text)
    : m_document(document)
    , m_moves(std::move(moves))
    , m_gesture(gesture) {
    setText(!text.isEmpty() ? text
            : m_moves.size() == 1
                ? QObject::tr("Move %1").arg(document.shownName(m_moves.begin()->first))
                : QObject::tr("Move %n nodes", "", int(m_moves.size())));
}

void MoveNodesCommand::redo() {
    for (const auto& [id, move] : m_moves)
        m_document.setNodePosition(id, move.to);
}

void MoveNodesCommand::undo() {
    for (const auto& [id, move] : m_moves)
        m_document.setNodePosition(id, move.from);
}

bool MoveNodesCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const MoveNodesCommand*>(other);
    if (next->m_gesture != m_gesture || &next->m_document != &m_document)
        return false;
    for (const auto& [id, move] : next->m_moves) {
        auto it = m_moves.find(id);
        if (it == m_moves.end())
            m_moves.emplace(id, move);
        else
            it->second.to = move.to;
    }
    return true;
}

} // namespace sb::gui
