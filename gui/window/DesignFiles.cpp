#include "gui/window/DesignFiles.h"

#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "gui/document/DesignDocument.h"
#include "workspace/WorkspaceFile.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <algorithm>
#include <set>

namespace sb::gui {

namespace {

constexpr int kRecentMax = 10;
const QString kRecentKey = QStringLiteral("files/recent");

/// What the canvas cannot show: two nodes with one id, or a link to a missing node.
QString brokenStructure(const design::Design& d) {
    std::set<std::string> ids;
    for (const auto& n : d.nodes)
        if (!ids.insert(n.id.value).second)
            return QObject::tr("node id '%1' is used twice")
                .arg(QString::fromStdString(n.id.value));
    for (const auto& l : d.links)
        for (const auto& end : {l.from, l.to})
            if (!ids.count(end.value))
                return QObject::tr("link %1->%2 points to node '%3', which does not exist")
                    .arg(QString::fromStdString(l.from.value), QString::fromStdString(l.to.value),
                         QString::fromStdString(end.value));
    return {};
}

int countErrors(const design::Problems& problems) {
    return int(std::count_if(problems.begin(), problems.end(),
                             [](const design::Problem& p) { return p.isError(); }));
}

} // namespace

DesignFiles::DesignFiles(DesignDocument& document, QObject* parent)
    : QObject(parent)
    , m_document(document) {}

bool DesignFiles::isWorkspaceFile(const QString& path) {
    return QFileInfo(path).suffix().compare(QLatin1String(kWorkspaceSuffix), Qt::CaseInsensitive) ==
           0;
}

bool DesignFiles::isDesignFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("json") || suffix == QLatin1String(kWorkspaceSuffix);
}

QString DesignFiles::openFilter() {
    return tr(
        "Scaleboard files (*.sbw *.json);;Workspaces (*.sbw);;Designs (*.json);;All files (*)");
}

QString DesignFiles::saveFilter() {
    return tr("Workspace (*.sbw);;Design (*.json)");
}

bool DesignFiles::open(const QString& path) {
    m_error.clear();
    m_damage.clear();
    if (isWorkspaceFile(path)) {
        ws::OpenResult opened = ws::WorkspaceFile::open(path.toStdString(), m_document.catalog());
        if (!opened.ok()) {
            m_error = QString::fromStdString(opened.error);
            return false;
        }
        if (QString broken = brokenStructure(opened.workspace->design); !broken.isEmpty()) {
            m_error = tr("%1: %2").arg(path, broken);
            return false;
        }
        m_openedWithErrors = countErrors(opened.workspace->problems);
        for (const auto& damage : opened.workspace->damage)
            m_damage.append(QString::fromStdString(damage));
        m_document.reset(std::move(opened.workspace->design));
    } else {
        if (!adoptFile(path))
            return false;
    }
    m_document.setFilePath(path);
    addRecentFile(path);
    Q_EMIT recentFilesChanged();
    return true;
}

bool DesignFiles::importJson(const QString& path) {
    if (!adoptFile(path))
        return false;
    m_document.setFilePath({});
    m_document.setSaved(false);
    return true;
}

bool DesignFiles::loadText(const QByteArray& json, const QString& what) {
    if (!adopt(json, what))
        return false;
    m_document.setFilePath({});
    return true;
}

bool DesignFiles::adoptFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    return adopt(file.readAll(), path);
}

bool DesignFiles::adopt(const QByteArray& json, const QString& what) {
    m_error.clear();
    design::LoadResult loaded = design::readDraftDesign(json.toStdString(), m_document.catalog());
    if (!loaded.ok()) {
        QStringList lines;
        for (const auto& p : loaded.problems)
            if (p.isError())
                lines << QString::fromStdString(p.message);
        m_error = tr("%1 is not a design Scaleboard can open:\n%2")
                      .arg(what, lines.join(QLatin1Char('\n')));
        return false;
    }
    if (QString broken = brokenStructure(*loaded.design); !broken.isEmpty()) {
        m_error = tr("%1: %2").arg(what, broken);
        return false;
    }
    m_openedWithErrors = countErrors(loaded.problems);
    m_document.reset(std::move(*loaded.design));
    return true;
}

bool DesignFiles::save() {
    if (m_document.filePath().isEmpty()) {
        m_error = tr("The design has no file yet.");
        return false;
    }
    return saveAs(m_document.filePath());
}

bool DesignFiles::saveAs(const QString& path) {
    m_error.clear();
    std::string error;
    if (isWorkspaceFile(path)) {
        // Keep the run history, the experiments and the practice attempts: from the target
        // itself, or from the workspace it came from.
        std::vector<ws::RunRecord> runs;
        std::vector<ws::ExperimentRecord> experiments;
        std::vector<ws::AttemptRecord> attempts;
        for (const QString& source : {path, m_document.filePath()}) {
            if (!isWorkspaceFile(source) || !QFileInfo::exists(source))
                continue;
            ws::OpenResult previous =
                ws::WorkspaceFile::open(source.toStdString(), m_document.catalog());
            if (previous.ok()) {
                runs = std::move(previous.workspace->runs);
                experiments = std::move(previous.workspace->experiments);
                attempts = std::move(previous.workspace->attempts);
                break;
            }
        }
        error = ws::WorkspaceFile::save(path.toStdString(), m_document.design(), runs, experiments,
                                        attempts);
    } else {
        error = design::writeDesignFile(m_document.design(), path.toStdString());
    }
    if (!error.empty()) {
        m_error = tr("Could not save %1: %2").arg(path, QString::fromStdString(error));
        return false;
    }
    m_document.setFilePath(path);
    m_document.setSaved(true);
    addRecentFile(path);
    Q_EMIT recentFilesChanged();
    return true;
}

bool DesignFiles::exportJson(const QString& path) {
    const std::string error = design::writeDesignFile(m_document.design(), path.toStdString());
    m_error = QString::fromStdString(error);
    return error.empty();
}

QStringList DesignFiles::recentFiles() {
    return QSettings().value(kRecentKey).toStringList();
}

void DesignFiles::addRecentFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kRecentMax)
        files.removeLast();
    QSettings().setValue(kRecentKey, files);
}

void DesignFiles::removeRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    QSettings().setValue(kRecentKey, files);
}

} // namespace sb::gui
