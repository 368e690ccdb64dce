#pragma once

#include <QList>
#include <QString>

namespace sb::gui {

/// One built-in template: its resource path, name and explanation.
struct TemplateEntry {
    QString path;
    QString name;
    QString description;
};

/// The templates built into the application (resources/templates), in step order.
QList<TemplateEntry> builtInTemplates();

} // namespace sb::gui
