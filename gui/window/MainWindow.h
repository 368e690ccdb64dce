#pragma once

#include "design/ComponentDescriptor.h"
#include "gui/window/Autosaver.h"

#include <QMainWindow>
#include <functional>

class QLabel;
class QStackedWidget;

namespace sb::gui {

class DesignDocument;
class DesignFiles;
class DesignScene;
class DesignView;
class HistoryDock;
class InspectorDock;
class LiveSession;
class PresentationMode;
class PaletteDock;
class ProblemsDock;
class RecoveryBanner;
class WelcomePage;

/// The designer window: the canvas in the middle, docks around it (palette, inspector,
/// history, problems; more can be added with addDock), menus, a toolbar and a status bar.
/// Each window edits its own document.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const design::DescriptorCatalog& catalog, QWidget* parent = nullptr);
    ~MainWindow() override;

    DesignDocument& document() { return *m_document; }
    DesignScene& scene() { return *m_scene; }
    DesignView& view() { return *m_view; }
    DesignFiles& files() { return *m_files; }
    Autosaver& autosaver() { return *m_autosaver; }
    PaletteDock* palette() const { return m_palette; }
    InspectorDock* inspector() const { return m_inspector; }
    HistoryDock* history() const { return m_history; }
    ProblemsDock* problems() const { return m_problems; }
    RecoveryBanner* recoveryBanner() const { return m_recoveryBanner; }
    WelcomePage* welcomePage() const { return m_welcome; }
    /// Live emulation: the run bar, the running canvas and the live docks.
    LiveSession* live() const { return m_live; }
    PresentationMode* presentation() const { return m_presentation; }
    /// The File menu, for extensions that add to it (reports' Export submenu).
    QMenu* fileMenu() const { return m_fileMenu; }
    /// The Tools menu (before Help), for the extensions' tools (the estimate calculator,
    /// practice progress), and the Help menu (the guided path).
    QMenu* toolsMenu() const { return m_toolsMenu; }
    QMenu* helpMenu() const { return m_helpMenu; }
    /// A menu command by object name ("actionUndo", "actionPaste", ...).
    QAction* action(const QString& objectName) const;

    /// Adds a dock (e.g. live charts) and a menu entry to show or hide it.
    void addDock(QDockWidget* dock, Qt::DockWidgetArea area);
    /// Extends every window made from now on (docks, menu entries such as the review and
    /// the exports); each extension runs at the end of a window's construction.
    static void addExtension(std::function<void(MainWindow&)> extension);

    /// Opens a file in this window; reports a failure in a message box unless `quiet`.
    bool openFile(const QString& path, bool quiet = false);
    /// Loads the built-in example design, untitled and unmodified.
    void loadDefaultDesign();
    void showWelcome(bool show);
    /// Offers recovery files left by a crash in a bar across the window.
    void offerRecovery(const QList<Autosaver::Leftover>& leftovers);
    bool recover(const Autosaver::Leftover& leftover);

    /// Fills the canvas context menu for a point: the live fault actions while a run goes
    /// on, then the editing commands.
    void populateCanvasMenu(QMenu* menu, QPointF scenePos);

    void copySelection();
    void cutSelection();
    void paste();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    QAction* makeAction(const QString& name, const QString& text, const QKeySequence& key,
                        const std::function<void()>& slot);
    void updateTitle();
    void updateStatus();
    void updateEditActions();
    void applyCanvasStyle();
    void showCanvasMenu(const QPoint& viewPos);
    void rebuildRecentMenu();
    void afterLoad(const QString& what);

    bool maybeSave();
    bool save();
    bool saveAs();
    void openWithDialog();
    void importWithDialog();
    void exportWithDialog();
    void newDesign();
    void openTemplate(const QString& resourcePath);

    const design::DescriptorCatalog& m_catalog;
    DesignDocument* m_document;
    DesignScene* m_scene;
    DesignView* m_view;
    DesignFiles* m_files;
    Autosaver* m_autosaver;
    PaletteDock* m_palette;
    InspectorDock* m_inspector;
    HistoryDock* m_history;
    ProblemsDock* m_problems;
    RecoveryBanner* m_recoveryBanner;
    WelcomePage* m_welcome;
    LiveSession* m_live = nullptr;
    PresentationMode* m_presentation = nullptr;
    QStackedWidget* m_pages;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_toolsMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_docksMenu = nullptr;
    QLabel* m_zoomLabel;
    QLabel* m_countLabel;
    QLabel* m_problemLabel;
    int m_pasteCount = 0;
};

} // namespace sb::gui
