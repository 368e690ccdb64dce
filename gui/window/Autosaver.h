#pragma once

#include "design/ComponentDescriptor.h"
#include "design/Design.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <memory>
#include <optional>

class QLockFile;
class QTimer;

namespace sb::gui {

class DesignDocument;

/// Crash-safe autosave: while a document has unsaved changes, writes it every interval
/// (atomically) to a recovery file of its own in the application's data folder, locked
/// while the window lives. A recovery file that no running Scaleboard holds is left over
/// from a crash and is offered on the next start.
class Autosaver final : public QObject {
    Q_OBJECT

public:
    /// A recovery file left by a window that did not close cleanly.
    struct Leftover {
        QString path;
        QString originalPath; ///< the file the design came from, empty when untitled
        QString name;         ///< the design's name
        QDateTime savedAt;
    };

    explicit Autosaver(DesignDocument& document, QObject* parent = nullptr);
    ~Autosaver() override;

    static QString recoveryDirectory();
    QString recoveryPath() const { return m_path; }
    void setInterval(int milliseconds);

    /// Writes the recovery file now if there is unsaved work it does not hold yet.
    bool saveNow();
    /// Removes the recovery file: the work is saved or deliberately thrown away.
    void discard();

    static QList<Leftover> leftovers();
    /// Reads a leftover's design; nothing (and `error`) when it cannot be read.
    static std::optional<design::Design>
    load(const Leftover& leftover, const design::DescriptorCatalog& catalog, QString* error);
    static void remove(const Leftover& leftover);

private:
    DesignDocument& m_document;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
    QTimer* m_timer;
    quint64 m_revision = 0;                 ///< bumped on every change of the document
    std::optional<quint64> m_savedRevision; ///< the revision the recovery file holds
};

} // namespace sb::gui
