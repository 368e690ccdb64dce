#pragma once

#include <QObject>
#include <QStringList>

namespace sb::gui {

class DesignDocument;

/// Opening and saving a window's document. The native file is the SQLite workspace (.sbw:
/// the design and its run history); JSON designs open, import and export too. Keeps the
/// recent-files list.
class DesignFiles final : public QObject {
    Q_OBJECT

public:
    explicit DesignFiles(DesignDocument& document, QObject* parent = nullptr);

    static constexpr const char* kWorkspaceSuffix = "sbw";
    static QString openFilter();
    /// Whether a path names a file the window opens: a design (.json) or a workspace.
    static bool isDesignFile(const QString& path);
    /// Whether a path names a workspace (.sbw, in any case): where runs, experiments and
    /// practice attempts are kept.
    static bool isWorkspaceFile(const QString& path);
    static QString saveFilter();

    /// Replaces the document with a file's design; false (and lastError()) when it cannot.
    bool open(const QString& path);
    /// Like open, but the document stays untitled, so saving asks for a workspace name.
    bool importJson(const QString& path);
    /// Saves to the document's file; false when it has none yet or the write fails.
    bool save();
    /// Saves to `path` (.sbw: workspace, keeping the run history; .json: design only).
    bool saveAs(const QString& path);
    /// Writes the design as JSON without changing the document's file.
    bool exportJson(const QString& path);
    /// Loads a design from JSON text (template, clipboard, built-in default) as untitled.
    bool loadText(const QByteArray& json, const QString& what);

    QString lastError() const { return m_error; }
    /// How many validation errors the design last opened with (drawings may be unfinished).
    int openedWithErrors() const { return m_openedWithErrors; }
    /// What the last open found damaged and left out (a workspace's run rows, a design
    /// that does not match its checksum); empty when the file was intact.
    QStringList openedDamage() const { return m_damage; }

    static QStringList recentFiles();
    static void addRecentFile(const QString& path);
    static void removeRecentFile(const QString& path);

Q_SIGNALS:
    void recentFilesChanged();

private:
    bool adopt(const QByteArray& json, const QString& what);
    bool adoptFile(const QString& path);

    DesignDocument& m_document;
    QString m_error;
    int m_openedWithErrors = 0;
    QStringList m_damage;
};

} // namespace sb::gui
