#include "gui/window/Autosaver.h"

#include "design/AtomicFile.h"
#include "design/BoundedJson.h"
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

/// A recovery file's JSON, read with the design reader's bounds (size, depth); a
/// discarded value, with the reason in `error` when asked, when it cannot be read.
nlohmann::json readRecoveryFile(const QString& path, std::string* error = nullptr) {
    std::string text, why;
    nlohmann::json doc(nlohmann::json::value_t::discarded);
    if (design::readWholeFile(path.toStdString(), text, why)) {
        doc = design::parseBoundedJson(text, why);
        if (doc.is_discarded())
            why = path.toStdString() + " " + why;
    }
    if (error)
        *error = doc.is_discarded() ? why : std::string{};
    return doc;
}

/// A text member of a JSON object, or "" when it is missing or of another type.
std::string textAt(const nlohmann::json& object, const char* key) {
    if (!object.is_object())
        return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
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
        const nlohmann::json doc = readRecoveryFile(info.absoluteFilePath());
        if (textAt(doc, "format") != kRecoveryFormat)
            continue;
        Leftover leftover;
        leftover.path = info.absoluteFilePath();
        leftover.originalPath = QString::fromStdString(textAt(doc, "original"));
        leftover.savedAt =
            QDateTime::fromString(QString::fromStdString(textAt(doc, "saved_at")), Qt::ISODate);
        if (doc.contains("design"))
            leftover.name = QString::fromStdString(textAt(doc["design"], "name"));
        found.append(leftover);
    }
    return found;
}

std::optional<design::Design> Autosaver::load(const Leftover& leftover,
                                              const design::DescriptorCatalog& catalog,
                                              QString* error) {
    std::string readError;
    const nlohmann::json doc = readRecoveryFile(leftover.path, &readError);
    if (!readError.empty()) {
        *error = QString::fromStdString(readError);
        return std::nullopt;
    }
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
