#include "gui/commands/ChangeDataCentreCommand.h"

#include "gui/document/DesignDocument.h"

namespace sb::gui {

ChangeDataCentreCommand::ChangeDataCentreCommand(DesignDocument& document,
                                                 design::DataCentre before,
                                                 design::DataCentre after)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after)) {
    setText(m_before.region != m_after.region
                ? QObject::tr("Set region of %1 to %2")
                      .arg(QString::fromStdString(m_after.shownName()),
                           QString::fromStdString(m_after.region))
                : QObject::tr("Rename data centre %1")
                      .arg(QString::fromStdString(m_before.shownName())));
}

void ChangeDataCentreCommand::redo() {
    m_document.setDataCentre(m_after);
}

void ChangeDataCentreCommand::undo() {
    m_document.setDataCentre(m_before);
}

} // namespace sb::gui
