#include "gui/document/DefaultDesign.h"

#include <QFile>

static void initGuiResources() {
    Q_INIT_RESOURCE(gui);
}

namespace sb::gui {

QByteArray defaultDesignJson() {
    static const bool loaded = [] {
        initGuiResources();
        return true;
    }();
    (void)loaded;
    QFile file(QStringLiteral(":/gui/default-design.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace sb::gui
