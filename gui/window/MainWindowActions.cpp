// MainWindow's action table, menus and tool bar: every command the window offers, with its
// shortcut, in one place.
#include "gui/window/MainWindow.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/MiniMap.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/LiveSession.h"
#include "gui/panels/HistoryDock.h"
#include "gui/panels/InspectorDock.h"
#include "gui/panels/PaletteDock.h"
#include "gui/panels/ProblemsDock.h"
#include "gui/window/ShortcutsDialog.h"
#include "gui/window/TemplateCatalog.h"
#include "gui/window/Theme.h"
#include "render/KindIcons.h"

#include <QActionGroup>
#include <QApplication>
#include <QGraphicsItem>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>

namespace sb::gui {

QAction* MainWindow::makeAction(const QString& name, const QString& text, const QKeySequence& key,
                                const std::function<void()>& slot) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    if (!key.isEmpty())
        action->setShortcut(key);
    connect(action, &QAction::triggered, this, slot);
    addAction(action);
    return action;
}

void MainWindow::createActions() {
    makeAction(QStringLiteral("actionNew"), tr("&New design"), QKeySequence::New, [this] {
        newDesign();
    })->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    makeAction(QStringLiteral("actionNewWindow"), tr("New &window"),
               QKeySequence(tr("Ctrl+Shift+N")), [this] {
                   auto* window = new MainWindow(m_catalog);
                   window->setAttribute(Qt::WA_DeleteOnClose);
                   window->loadDefaultDesign();
                   window->show();
               });
    makeAction(QStringLiteral("actionOpen"), tr("&Open…"), QKeySequence::Open, [this] {
        openWithDialog();
    })->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    makeAction(QStringLiteral("actionSave"), tr("&Save"), QKeySequence::Save, [this] {
        save();
    })->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    makeAction(QStringLiteral("actionSaveAs"), tr("Save &as…"), QKeySequence::SaveAs,
               [this] { saveAs(); });
    makeAction(QStringLiteral("actionImportJson"), tr("&Import JSON design…"),
               QKeySequence(tr("Ctrl+Shift+I")), [this] { importWithDialog(); });
    makeAction(QStringLiteral("actionExportJson"), tr("&Export JSON design…"),
               QKeySequence(tr("Ctrl+Shift+E")), [this] { exportWithDialog(); });
    makeAction(QStringLiteral("actionWelcome"), tr("&Welcome page"), {},
               [this] { showWelcome(true); });
    makeAction(QStringLiteral("actionClose"), tr("&Close window"), QKeySequence::Close,
               [this] { close(); });
    makeAction(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit,
               [] { QApplication::closeAllWindows(); });

    QAction* undo = m_document->undoStack().createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    addAction(undo);
    QAction* redo = m_document->undoStack().createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence& extra : {QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))})
        if (!redoKeys.contains(extra))
            redoKeys << extra;
    redo->setShortcuts(redoKeys);
    redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    addAction(redo);
    makeAction(QStringLiteral("actionCut"), tr("Cu&t"), QKeySequence::Cut,
               [this] { cutSelection(); });
    makeAction(QStringLiteral("actionCopy"), tr("&Copy"), QKeySequence::Copy,
               [this] { copySelection(); });
    makeAction(QStringLiteral("actionPaste"), tr("&Paste"), QKeySequence::Paste,
               [this] { paste(); });
    makeAction(QStringLiteral("actionDuplicate"), tr("D&uplicate"), QKeySequence(tr("Ctrl+D")),
               [this] { m_scene->duplicateSelection(); });
    makeAction(QStringLiteral("actionDelete"), tr("&Delete"), QKeySequence::Delete, [this] {
        m_scene->deleteSelection();
    })->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    action(QStringLiteral("actionDelete"))->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    makeAction(QStringLiteral("actionSelectAll"), tr("Select &all"), QKeySequence::SelectAll,
               [this] {
                   for (QGraphicsItem* item : m_scene->items())
                       if (item->flags() & QGraphicsItem::ItemIsSelectable)
                           item->setSelected(true);
               });
    makeAction(QStringLiteral("actionRename"), tr("&Rename"), QKeySequence(Qt::Key_F2), [this] {
        if (const auto ids = m_scene->selectedNodes(); ids.size() == 1)
            m_scene->editLabel(ids.front());
    });
    const std::pair<Alignment, std::pair<QString, QString>> alignments[] = {
        {Alignment::Left, {QStringLiteral("actionAlignLeft"), tr("Align &left")}},
        {Alignment::HorizontalCentre,
         {QStringLiteral("actionAlignCentre"), tr("Align &centres vertically")}},
        {Alignment::Right, {QStringLiteral("actionAlignRight"), tr("Align &right")}},
        {Alignment::Top, {QStringLiteral("actionAlignTop"), tr("Align &top")}},
        {Alignment::VerticalCentre,
         {QStringLiteral("actionAlignMiddle"), tr("Align &middles horizontally")}},
        {Alignment::Bottom, {QStringLiteral("actionAlignBottom"), tr("Align &bottom")}},
    };
    const char* alignKeys[] = {"Alt+Shift+L", "Alt+Shift+C", "Alt+Shift+R",
                               "Alt+Shift+T", "Alt+Shift+M", "Alt+Shift+B"};
    int i = 0;
    for (const auto& [alignment, names] : alignments) {
        const Alignment a = alignment;
        makeAction(names.first, names.second, QKeySequence(QString::fromLatin1(alignKeys[i++])),
                   [this, a] { m_scene->alignSelection(a); });
    }
    makeAction(QStringLiteral("actionDistributeHorizontally"), tr("Distribute &horizontally"),
               QKeySequence(tr("Alt+Shift+H")),
               [this] { m_scene->distributeSelection(Qt::Horizontal); });
    makeAction(QStringLiteral("actionDistributeVertically"), tr("Distribute &vertically"),
               QKeySequence(tr("Alt+Shift+V")),
               [this] { m_scene->distributeSelection(Qt::Vertical); });
    makeAction(QStringLiteral("actionAddDataCentre"), tr("Add &data centre"),
               QKeySequence(tr("Ctrl+G")),
               [this] {
                   showWelcome(false);
                   m_scene->addDataCentre(m_view->visibleCentre());
               })
        ->setIcon(render::KindIcons::icon("datacenter"));
    makeAction(QStringLiteral("actionFindComponent"), tr("&Find component…"),
               QKeySequence(tr("Ctrl+K")), [this] {
                   m_palette->show();
                   m_palette->raise();
                   m_palette->searchBox()->setFocus();
                   m_palette->searchBox()->selectAll();
               });

    makeAction(QStringLiteral("actionZoomIn"), tr("Zoom &in"), QKeySequence::ZoomIn, [this] {
        m_view->zoomIn();
    })->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    makeAction(QStringLiteral("actionZoomOut"), tr("Zoom &out"), QKeySequence::ZoomOut,
               [this] { m_view->zoomOut(); });
    makeAction(QStringLiteral("actionActualSize"), tr("&Actual size"), QKeySequence(tr("Ctrl+1")),
               [this] { m_view->setZoom(1); });
    makeAction(QStringLiteral("actionFit"), tr("&Fit to view"), QKeySequence(tr("Ctrl+0")),
               [this] { m_view->fitToDesign(); });
    QAction* snap = makeAction(
        QStringLiteral("actionSnap"), tr("&Snap to grid"), QKeySequence(tr("Ctrl+Shift+G")),
        [this] { m_scene->setSnapToGrid(action(QStringLiteral("actionSnap"))->isChecked()); });
    snap->setCheckable(true);
    snap->setChecked(m_scene->snapsToGrid());
    QAction* miniMap = makeAction(
        QStringLiteral("actionMiniMap"), tr("&Minimap"), QKeySequence(tr("Ctrl+M")), [this] {
            m_view->setMiniMapVisible(action(QStringLiteral("actionMiniMap"))->isChecked());
        });
    miniMap->setCheckable(true);
    miniMap->setChecked(true);
    makeAction(QStringLiteral("actionFullScreen"), tr("F&ull screen"),
               QKeySequence(Qt::SHIFT | Qt::Key_F11),
               [this] { setWindowState(windowState() ^ Qt::WindowFullScreen); });
    auto* themes = new QActionGroup(this);
    const std::pair<Theme::Mode, QString> modes[] = {
        {Theme::Mode::System, tr("Follow the &system")},
        {Theme::Mode::Light, tr("&Light")},
        {Theme::Mode::Dark, tr("&Dark")}};
    for (const auto& [mode, text] : modes) {
        const Theme::Mode m = mode;
        QAction* a = makeAction(QStringLiteral("actionTheme") + Theme::name(m), text, {},
                                [m] { Theme::instance().setMode(m); });
        a->setCheckable(true);
        a->setChecked(Theme::instance().mode() == m);
        themes->addAction(a);
    }
    makeAction(QStringLiteral("actionShortcuts"), tr("&Keyboard shortcuts"), QKeySequence(tr("F1")),
               [this] {
                   ShortcutsDialog dialog(menuBar(), this);
                   dialog.exec();
               });
    makeAction(QStringLiteral("actionAbout"), tr("&About Scaleboard"), {}, [this] {
        QMessageBox::about(this, tr("About Scaleboard"),
                           tr("<h3>Scaleboard %1</h3><p>Draw a web system's architecture, then run "
                              "it in a discrete-event emulator.</p>")
                               .arg(QStringLiteral(SCALEBOARD_VERSION)));
    });
}

void MainWindow::createMenus() {
    auto add = [this](QMenu* menu, const char* name) {
        menu->addAction(action(QString::fromLatin1(name)));
    };
    QMenu* file = m_fileMenu = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("menuFile"));
    add(file, "actionNew");
    add(file, "actionNewWindow");
    add(file, "actionOpen");
    m_recentMenu = file->addMenu(tr("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    add(file, "actionSave");
    add(file, "actionSaveAs");
    file->addSeparator();
    add(file, "actionImportJson");
    add(file, "actionExportJson");
    file->addSeparator();
    add(file, "actionWelcome");
    add(file, "actionClose");
    add(file, "actionQuit");

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    for (const char* name : {"actionUndo", "actionRedo"})
        add(edit, name);
    edit->addSeparator();
    for (const char* name :
         {"actionCut", "actionCopy", "actionPaste", "actionDuplicate", "actionDelete"})
        add(edit, name);
    edit->addSeparator();
    add(edit, "actionSelectAll");
    add(edit, "actionRename");
    QMenu* arrange = edit->addMenu(tr("&Arrange"));
    for (const char* name : {"actionAlignLeft", "actionAlignCentre", "actionAlignRight"})
        add(arrange, name);
    arrange->addSeparator();
    for (const char* name : {"actionAlignTop", "actionAlignMiddle", "actionAlignBottom"})
        add(arrange, name);
    arrange->addSeparator();
    add(arrange, "actionDistributeHorizontally");
    add(arrange, "actionDistributeVertically");

    QMenu* insert = menuBar()->addMenu(tr("&Insert"));
    add(insert, "actionFindComponent");
    add(insert, "actionAddDataCentre");

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (const char* name : {"actionZoomIn", "actionZoomOut", "actionActualSize", "actionFit"})
        add(m_viewMenu, name);
    m_viewMenu->addSeparator();
    add(m_viewMenu, "actionSnap");
    add(m_viewMenu, "actionMiniMap");
    add(m_viewMenu, "actionFullScreen");
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    for (const char* name : {"actionThemesystem", "actionThemelight", "actionThemedark"})
        add(theme, name);
    m_docksMenu = m_viewMenu->addMenu(tr("&Panels"));
    for (QDockWidget* dock :
         std::initializer_list<QDockWidget*>{m_palette, m_inspector, m_history, m_problems})
        m_docksMenu->addAction(dock->toggleViewAction());

    QMenu* templates = menuBar()->addMenu(tr("&Templates"));
    templates->setObjectName(QStringLiteral("menuTemplates"));
    for (const TemplateEntry& entry : builtInTemplates()) {
        QAction* open = templates->addAction(entry.name);
        open->setToolTip(entry.description);
        open->setStatusTip(entry.description.section(QLatin1Char('\n'), 0, 0));
        connect(open, &QAction::triggered, this, [this, path = entry.path] { openTemplate(path); });
    }
    m_toolsMenu = menuBar()->addMenu(tr("T&ools")); // Alt+T opens Templates
    m_toolsMenu->setObjectName(QStringLiteral("menuTools"));
    QMenu* help = m_helpMenu = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    add(help, "actionShortcuts");
    add(help, "actionAbout");
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setIconSize(QSize(18, 18));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (const char* name : {"actionNew", "actionOpen", "actionSave"})
        bar->addAction(action(QString::fromLatin1(name)));
    bar->addSeparator();
    for (const char* name : {"actionUndo", "actionRedo"})
        bar->addAction(action(QString::fromLatin1(name)));
    bar->addSeparator();
    bar->addAction(action(QStringLiteral("actionAddDataCentre")));
    bar->addAction(action(QStringLiteral("actionDelete")));
    bar->addSeparator();
    for (const char* name : {"actionZoomOut", "actionZoomIn", "actionFit"}) {
        QAction* a = action(QString::fromLatin1(name));
        bar->addAction(a);
    }
}

} // namespace sb::gui
