#include "gui/window/TemplateCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <nlohmann/json.hpp>

namespace sb::gui {

QList<TemplateEntry> builtInTemplates() {
    QList<TemplateEntry> entries;
    const QDir dir(QStringLiteral(":/templates"));
    for (const QString& fileName :
         dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(fileName);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const nlohmann::json doc =
            nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
        TemplateEntry entry{path, QFileInfo(path).baseName(), {}};
        if (doc.is_object()) {
            const std::string name = doc.value("name", std::string());
            if (!name.empty())
                entry.name = QString::fromStdString(name);
            entry.description = QString::fromStdString(doc.value("description", std::string()));
        }
        entries.append(entry);
    }
    return entries;
}

} // namespace sb::gui
