#include "render/KindIcons.h"

#include <QFile>
#include <QHash>
#include <QSvgRenderer>
#include <memory>

static void initIconResources() {
    Q_INIT_RESOURCE(icons);
}

namespace sb::render {

namespace {

QString pathOf(const std::string& iconName) {
    const QString path = QStringLiteral(":/icons/%1.svg").arg(QString::fromStdString(iconName));
    return QFile::exists(path) ? path : QStringLiteral(":/icons/unknown.svg");
}

void ensureResources() {
    static const bool loaded = [] {
        initIconResources();
        return true;
    }();
    (void)loaded;
}

} // namespace

QIcon KindIcons::icon(const std::string& iconName) {
    ensureResources();
    static QHash<QString, QIcon> cache;
    const QString path = pathOf(iconName);
    auto it = cache.find(path);
    if (it == cache.end())
        it = cache.insert(path, QIcon(path));
    return *it;
}

QSvgRenderer& KindIcons::renderer(const std::string& iconName) {
    ensureResources();
    static QHash<QString, std::shared_ptr<QSvgRenderer>> cache;
    const QString path = pathOf(iconName);
    auto it = cache.find(path);
    if (it == cache.end())
        it = cache.insert(path, std::make_shared<QSvgRenderer>(path));
    return **it;
}

bool KindIcons::exists(const std::string& iconName) {
    ensureResources();
    return QFile::exists(QStringLiteral(":/icons/%1.svg").arg(QString::fromStdString(iconName)));
}

} // namespace sb::render
