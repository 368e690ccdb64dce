#include "gui/window/TemplateCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
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
    // The scaling path's steps first, in order, then the templates beyond it.
    std::stable_partition(entries.begin(), entries.end(), [](const TemplateEntry& e) {
        return QFileInfo(e.path).baseName().startsWith(QLatin1String("step"));
    });
    return entries;
}

} // namespace sb::gui
