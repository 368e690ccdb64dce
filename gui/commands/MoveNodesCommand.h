#pragma once

#include "design/Ids.h"

#include <QPointF>
#include <QUndoCommand>
#include <map>

namespace sb::gui {

class DesignDocument;

/// Moves nodes. Commands of one gesture (a drag, a run of arrow-key nudges) merge into
/// one undo step.
class MoveNodesCommand final : public QUndoCommand {
public:
    struct Move {
        QPointF from;
        QPointF to;
    };

    MoveNodesCommand(DesignDocument& document, std::map<design::NodeId, Move> moves, int gesture,
                     const QString& text = {});
    void redo() override;
    void undo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    DesignDocument& m_document;
    std::map<design::NodeId, Move> m_moves;
    int m_gesture;
};

} // namespace sb::gui
