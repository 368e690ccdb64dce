#pragma once

#include "design/Design.h"

#include <QPointF>
#include <QUndoCommand>
#include <map>

namespace sb::gui {

class DesignDocument;

/// Moves a data centre together with the nodes it holds; the steps of one drag merge.
class MoveDataCentreCommand final : public QUndoCommand {
public:
    /// `start` is the data centre and its nodes' centres when the drag began.
    MoveDataCentreCommand(DesignDocument& document, design::DataCentre start,
                          std::map<design::NodeId, QPointF> nodesAtStart, QPointF offset,
                          int gesture);
    void redo() override;
    void undo() override;
    int id() const override { return 3; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    void apply(QPointF offset);

    DesignDocument& m_document;
    design::DataCentre m_start;
    std::map<design::NodeId, QPointF> m_nodesAtStart;
    QPointF m_offset;
    int m_gesture;
};

} // namespace sb::gui
