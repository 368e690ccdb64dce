#include "gui/window/Autosaver.h"

#include "design/AtomicFile.h"
#include "design/DesignJson.h"
#include "gui/document/DesignDocument.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

namespace sb::gui {

namespace {

constexpr int kDefaultIntervalMs = 30'000;
constexpr const char* kRecoveryFormat = "scaleboard-recovery";

QString lockPathOf(const QString& recoveryPath) {
    return recoveryPath + QStringLiteral(".lock");
}

} // namespace

Autosaver::Autosaver(DesignDocument& document, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_timer(new QTimer(this)) {
    QDir().mkpath(recoveryDirectory());
    m_path =
        QDir(recoveryDirectory())
            .filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + QStringLiteral(".json"));
    m_lock = std::make_unique<QLockFile>(lockPathOf(m_path));
    m_lock->setStaleLockTime(0);
    m_lock->tryLock(0);
    connect(&document, &DesignDocument::changed, this, [this] { ++m_revision; });
    connect(&document, &DesignDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            discard();
    });
    connect(m_timer, &QTimer::timeout, this, &Autosaver::saveNow);
    m_timer->start(kDefaultIntervalMs);
}

Autosaver::~Autosaver() = default;

QString Autosaver::recoveryDirectory() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("recovery"));
}

void Autosaver::setInterval(int milliseconds) {
    m_timer->start(milliseconds);
}

bool Autosaver::saveNow() {
    if (!m_document.isModified() || m_revision == m_savedRevision)
        return false;
    nlohmann::json file = {
        {"format", kRecoveryFormat},
        {"original", m_document.filePath().toStdString()},
        {"saved_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString()},
        {"design", design::toJson(m_document.design())}};
    if (!design::writeFileAtomically(m_path.toStdString(), file.dump()).empty())
        return false;
    m_savedRevision = m_revision;
    return true;
}

void Autosaver::discard() {
    QFile::remove(m_path);
    m_savedRevision.reset();
}

QList<Autosaver::Leftover> Autosaver::leftovers() {
    QList<Leftover> found;
    const QDir dir(recoveryDirectory());
    for (const QFileInfo& info :
         dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time)) {
        QLockFile lock(lockPathOf(info.absoluteFilePath()));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // a running window owns it
        lock.unlock();
        QFile file(info.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const nlohmann::json doc =
            nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
        if (!doc.is_object() || doc.value("format", std::string()) != kRecoveryFormat)
            continue;
        Leftover leftover;
        leftover.path = info.absoluteFilePath();
        leftover.originalPath = QString::fromStdString(doc.value("original", std::string()));
        leftover.savedAt = QDateTime::fromString(
            QString::fromStdString(doc.value("saved_at", std::string())), Qt::ISODate);
        if (doc.contains("design") && doc["design"].is_object())
            leftover.name = QString::fromStdString(doc["design"].value("name", std::string()));
        found.append(leftover);
    }
    return found;
}

std::optional<design::Design> Autosaver::load(const Leftover& leftover,
                                              const design::DescriptorCatalog& catalog,
                                              QString* error) {
    QFile file(leftover.path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(leftover.path, file.errorString());
        return std::nullopt;
    }
    const nlohmann::json doc = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (!doc.is_object() || !doc.contains("design")) {
        *error = tr("%1 is not a recovery file").arg(leftover.path);
        return std::nullopt;
    }
    design::LoadResult loaded = design::readDraftDesign(doc["design"].dump(), catalog);
    if (!loaded.ok()) {
        *error = QString::fromStdString(design::formatProblems(loaded.problems));
        return std::nullopt;
    }
    return loaded.design;
}

void Autosaver::remove(const Leftover& leftover) {
    QFile::remove(leftover.path);
    QFile::remove(lockPathOf(leftover.path));
}

} // namespace sb::gui
