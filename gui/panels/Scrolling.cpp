#include "gui/panels/Scrolling.h"

#include <QScrollArea>

namespace sb::gui {

QScrollArea* scrolling(QWidget* body) {
    auto* area = new QScrollArea;
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(body);
    return area;
}

} // namespace sb::gui
