#include "gui/commands/ResizeDataCentreCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

ResizeDataCentreCommand::ResizeDataCentreCommand(DesignDocument& document, design::DataCentreId dc,
                                                 QRectF before, QRectF after, int gesture)
    : m_document(document)
    , m_dc(std::move(dc))
    , m_before(before)
    , m_after(after)
    , m_gesture(gesture) {
    setText(QObject::tr("Resize data centre %1").arg(document.shownName(m_dc)));
}

void ResizeDataCentreCommand::redo() {
    apply(m_after);
}

void ResizeDataCentreCommand::undo() {
    apply(m_before);
}

bool ResizeDataCentreCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const ResizeDataCentreCommand*>(other);
    if (next->m_gesture != m_gesture || next->m_dc != m_dc)
        return false;
    m_after = next->m_after;
    return true;
}

void ResizeDataCentreCommand::apply(const QRectF& rect) {
    const design::DataCentre* dc = m_document.design().dataCentre(m_dc);
    if (!dc)
        return;
    design::DataCentre changed = *dc;
    changed.x = rect.x();
    changed.y = rect.y();
    changed.width = rect.width();
    changed.height = rect.height();
    m_document.setDataCentre(std::move(changed));
}

} // namespace sb::gui
