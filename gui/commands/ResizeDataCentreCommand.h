#pragma once

#include "design/Ids.h"

#include <QRectF>
#include <QUndoCommand>

namespace sb::gui {

class DesignDocument;

/// Sets a data centre's own rectangle; the steps of one drag merge.
class ResizeDataCentreCommand final : public QUndoCommand {
public:
    ResizeDataCentreCommand(DesignDocument& document, design::DataCentreId dc, QRectF before,
                            QRectF after, int gesture);
    void redo() override;
    void undo() override;
    int id() const override { return 2; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    void apply(const QRectF& rect);

    DesignDocument& m_document;
    design::DataCentreId m_dc;
    QRectF m_before;
    QRectF m_after;
    int m_gesture;
};

} // namespace sb::gui
