#include "gui/window/MainWindow.h"
#include "gui/panels/Scrolling.h"

#include "gui/window/TemplateCatalog.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/KindIcons.h"
#include "gui/canvas/MiniMap.h"
#include "gui/canvas/NodeItem.h"
#include "gui/commands/RemoveItemsCommand.h"
#include "gui/document/DefaultDesign.h"
#include "gui/document/DesignDocument.h"
#include "gui/document/DesignFragment.h"
#include "gui/live/LiveSession.h"
#include "gui/panels/HistoryDock.h"
#include "gui/panels/InspectorDock.h"
#include "gui/panels/PaletteDock.h"
#include "gui/panels/ProblemsDock.h"
#include "gui/window/DesignFiles.h"
#include "gui/window/PresentationMode.h"
#include "gui/window/RecoveryBanner.h"
#include "gui/window/ShortcutsDialog.h"
#include "gui/window/Theme.h"
#include "gui/window/WelcomePage.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <vector>

namespace sb::gui {

namespace {

std::vector<std::function<void(MainWindow&)>>& extensions() {
    static std::vector<std::function<void(MainWindow&)>> all;
    return all;
}

bool isDesignFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("json") ||
           suffix == QLatin1String(DesignFiles::kWorkspaceSuffix);
}

} // namespace

MainWindow::MainWindow(const design::DescriptorCatalog& catalog, QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(catalog)
    , m_document(new DesignDocument(catalog, this))
    , m_scene(new DesignScene(*m_document, this))
    , m_view(new DesignView(m_scene))
    , m_files(new DesignFiles(*m_document, this))
    , m_autosaver(new Autosaver(*m_document, this))
    , m_palette(new PaletteDock(catalog, this))
    , m_inspector(new InspectorDock(*m_document, *m_scene, this))
    , m_history(new HistoryDock(m_document->undoStack(), this))
    , m_problems(new ProblemsDock(*m_document, *m_scene, this))
    , m_recoveryBanner(new RecoveryBanner)
    , m_welcome(new WelcomePage)
    , m_pages(new QStackedWidget)
    , m_zoomLabel(new QLabel)
    , m_countLabel(new QLabel)
    , m_problemLabel(new QLabel) {
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    setWindowIcon(KindIcons::icon("app"));
    // 1440x900, or less on a smaller screen: the window and its frame fit what the screen
    // has free (a 1366x768 laptop gets its whole screen).
    QSize size(1440, 900);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() - QSize(16, 48));
    resize(size);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_recoveryBanner);
    m_pages->addWidget(m_view);
    // The welcome page scrolls rather than widen the window: a stacked widget is as large
    // as its largest page, shown or not.
    m_pages->addWidget(scrolling(m_welcome));
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    addDockWidget(Qt::LeftDockWidgetArea, m_palette);
    addDockWidget(Qt::RightDockWidgetArea, m_inspector);
    addDockWidget(Qt::RightDockWidgetArea, m_history);
    tabifyDockWidget(m_inspector, m_history);
    m_inspector->raise();
    addDockWidget(Qt::BottomDockWidgetArea, m_problems);
    m_palette->setMinimumWidth(190);
    m_inspector->setMinimumWidth(300);
    // Dock sizes take once the window has its layout.
    QTimer::singleShot(0, this, [this] {
        resizeDocks({m_palette, m_inspector}, {220, 340}, Qt::Horizontal);
        resizeDocks({m_problems}, {96}, Qt::Vertical);
    });

    createActions();
    createMenus();
    createToolBar();
    createStatusBar();
    applyCanvasStyle();

    connect(m_palette, &PaletteDock::kindActivated, this, [this](const QString& kind) {
        showWelcome(false);
        m_scene->addNode(kind.toStdString(), m_view->visibleCentre());
        m_view->setFocus();
    });
    connect(m_problems, &ProblemsDock::nodeChosen, this, [this](const QString& id) {
        if (NodeItem* item = m_scene->nodeItem(design::NodeId{id.toStdString()}))
            m_view->centerOn(item);
    });
    connect(m_scene, &DesignScene::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::updateEditActions);
    connect(m_view, &DesignView::zoomChanged, this, &MainWindow::updateStatus);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showCanvasMenu);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_document, &DesignDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &DesignDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &DesignDocument::changed, this, &MainWindow::updateTitle);
    connect(m_document, &DesignDocument::problemsChanged, this, &MainWindow::updateStatus);
    connect(&Theme::instance(), &Theme::changed, this, &MainWindow::applyCanvasStyle);
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this,
            &MainWindow::updateEditActions);

    connect(m_welcome, &WelcomePage::continueRequested, this, [this] { showWelcome(false); });
    connect(m_welcome, &WelcomePage::newRequested, this, &MainWindow::newDesign);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openWithDialog);
    connect(m_welcome, &WelcomePage::templateChosen, this, &MainWindow::openTemplate);
    connect(m_welcome, &WelcomePage::recentChosen, this, [this](const QString& path) {
        if (maybeSave())
            openFile(path);
    });
    connect(m_recoveryBanner, &RecoveryBanner::recoverRequested, this, &MainWindow::recover);
    connect(m_recoveryBanner, &RecoveryBanner::discardRequested, this,
            [](const Autosaver::Leftover& leftover) { Autosaver::remove(leftover); });

    m_live = new LiveSession(*this);
    m_presentation = new PresentationMode(*this, *m_live);
    QAction* present = makeAction(
        QStringLiteral("actionPresentation"), tr("&Presentation mode"), QKeySequence(Qt::Key_F11),
        [this] { m_presentation->setActive(!m_presentation->isActive()); });
    present->setCheckable(true);
    present->setToolTip(tr("The canvas full screen with the charts, health and events over it, "
                           "for a projector (Esc leaves)"));
    connect(m_presentation, &PresentationMode::activeChanged, present, &QAction::setChecked);
    m_viewMenu->insertAction(action(QStringLiteral("actionFullScreen")), present);
    updateTitle();
    updateStatus();
    updateEditActions();
    for (const auto& extend : extensions())
        extend(*this);
}

void MainWindow::addExtension(std::function<void(MainWindow&)> extension) {
    extensions().push_back(std::move(extension));
}

MainWindow::~MainWindow() {
    // Docks and the scene read the document: take them down first.
    m_scene->disconnect(this);
    delete m_presentation;
    delete m_live;
    delete m_inspector;
    delete m_problems;
    delete m_view;
    delete m_scene;
}

QAction* MainWindow::action(const QString& objectName) const {
    return findChild<QAction*>(objectName);
}

void MainWindow::addDock(QDockWidget* dock, Qt::DockWidgetArea area) {
    addDockWidget(area, dock);
    if (m_docksMenu)
        m_docksMenu->addAction(dock->toggleViewAction());
}

// ---- actions and menus ---------------------------------------------------------------

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
        ->setIcon(KindIcons::icon("datacenter"));
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
    QMenu* file = menuBar()->addMenu(tr("&File"));
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
    QMenu* help = menuBar()->addMenu(tr("&Help"));
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

void MainWindow::createStatusBar() {
    m_problemLabel->setObjectName(QStringLiteral("problemSummary"));
    m_countLabel->setObjectName(QStringLiteral("countSummary"));
    m_zoomLabel->setObjectName(QStringLiteral("zoomSummary"));
    m_zoomLabel->setMinimumWidth(56);
    m_zoomLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    statusBar()->addPermanentWidget(m_problemLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    statusBar()->showMessage(
        tr("Drag components from the palette; drag from a node's handle to link it."), 10000);
}

void MainWindow::updateTitle() {
    setWindowTitle(QStringLiteral("%1[*] — Scaleboard").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
    updateStatus();
}

void MainWindow::updateStatus() {
    const design::Design& d = m_document->design();
    m_countLabel->setText(tr("%n node(s)", "", int(d.nodes.size())) + QStringLiteral(" · ") +
                          tr("%n link(s)", "", int(d.links.size())));
    m_zoomLabel->setText(QStringLiteral("%1%").arg(qRound(m_view->zoom() * 100)));
    int errors = 0, warnings = 0;
    for (const auto& p : m_document->problems())
        (p.isError() ? errors : warnings)++;
    // True whatever else happens (a run, an edit): it speaks of the design's problems only.
    if (d.nodes.empty()) {
        m_problemLabel->setText(tr("Empty design: drag components in from the palette"));
        m_problemLabel->setStyleSheet({});
    } else if (errors + warnings == 0) {
        m_problemLabel->setText(tr("✓ No problems"));
        m_problemLabel->setStyleSheet(QStringLiteral("color: #2ea44f;"));
    } else {
        m_problemLabel->setText(
            errors ? tr("● %n error(s)", "", errors) +
                         (warnings ? tr(", %n warning(s)", "", warnings) : QString())
                   : tr("▲ %n warning(s)", "", warnings));
        m_problemLabel->setStyleSheet(errors ? QStringLiteral("color: #e03e3e;")
                                             : QStringLiteral("color: #c7850f;"));
    }
}

void MainWindow::updateEditActions() {
    const bool nodes = !m_scene->selectedNodes().empty();
    const bool anything =
        nodes || !m_scene->selectedLinks().empty() || !m_scene->selectedDataCentres().empty();
    const bool containers = !m_scene->selectedDataCentres().empty();
    action(QStringLiteral("actionCut"))->setEnabled(nodes || containers);
    action(QStringLiteral("actionCopy"))->setEnabled(nodes || containers);
    action(QStringLiteral("actionDuplicate"))->setEnabled(nodes || containers);
    action(QStringLiteral("actionDelete"))->setEnabled(anything);
    action(QStringLiteral("actionRename"))->setEnabled(m_scene->selectedNodes().size() == 1);
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    action(QStringLiteral("actionPaste"))
        ->setEnabled(mime &&
                     (mime->hasFormat(QString::fromLatin1(kDesignMimeType)) || mime->hasText()));
}

void MainWindow::applyCanvasStyle() {
    m_scene->setCanvasStyle(CanvasStyle::fromPalette(QApplication::palette()));
    m_view->resetCachedContent();
    m_view->viewport()->update();
    m_view->miniMap()->viewport()->update();
    for (QAction* a : actions())
        if (a->objectName().startsWith(QLatin1String("actionTheme")))
            a->setChecked(a->objectName() ==
                          QStringLiteral("actionTheme") + Theme::name(Theme::instance().mode()));
}

void MainWindow::showCanvasMenu(const QPoint& viewPos) {
    const QPointF scenePos = m_view->mapToScene(viewPos);
    if (QGraphicsItem* item = m_scene->itemAt(scenePos, m_view->transform());
        item && (item->flags() & QGraphicsItem::ItemIsSelectable) && !item->isSelected()) {
        m_scene->clearSelection();
        item->setSelected(true);
    }
    QMenu menu(this);
    populateCanvasMenu(&menu, scenePos);
    menu.exec(m_view->viewport()->mapToGlobal(viewPos));
}

void MainWindow::populateCanvasMenu(QMenu* menu, QPointF scenePos) {
    m_live->addCanvasActions(menu, scenePos);
    for (const char* name : {"actionRename", "actionDuplicate", "actionCut", "actionCopy",
                             "actionPaste", "actionDelete"})
        menu->addAction(action(QString::fromLatin1(name)));
    menu->addSeparator();
    menu->addAction(action(QStringLiteral("actionAddDataCentre")));
    menu->addAction(action(QStringLiteral("actionFit")));
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = DesignFiles::recentFiles();
    for (const QString& path : files) {
        QAction* a = m_recentMenu->addAction(QFileInfo(path).fileName());
        a->setToolTip(path);
        a->setEnabled(QFileInfo::exists(path));
        connect(a, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
}

// ---- files ---------------------------------------------------------------------------

bool MainWindow::openFile(const QString& path, bool quiet) {
    if (!m_files->open(path)) {
        if (!quiet)
            QMessageBox::warning(this, tr("Cannot open the file"), m_files->lastError());
        DesignFiles::removeRecentFile(path);
        return false;
    }
    afterLoad(QFileInfo(path).fileName());
    if (const QStringList damage = m_files->openedDamage(); !damage.isEmpty() && !quiet) {
        // Not exec(): the window (and a test driving it) goes on while it shows.
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("The file is damaged"),
            tr("%1 opened, but part of it is damaged:\n\n%2\n\nEverything else was recovered.")
                .arg(QFileInfo(path).fileName(), damage.join(QStringLiteral("\n"))),
            QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("damagedFileMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    return true;
}

void MainWindow::afterLoad(const QString& what) {
    showWelcome(false);
    m_pasteCount = 0;
    m_welcome->refresh();
    m_view->showDesign();
    const int errors = m_files->openedWithErrors();
    statusBar()->showMessage(
        errors == 0 ? tr("Opened %1").arg(what)
                    : tr("Opened %1, which has %n problem(s) to fix", "", errors).arg(what),
        8000);
}

void MainWindow::loadDefaultDesign() {
    if (m_files->loadText(defaultDesignJson(), tr("the example design")))
        afterLoad(tr("the example design"));
}

void MainWindow::showWelcome(bool show) {
    if (show)
        m_welcome->refresh();
    m_pages->setCurrentIndex(show ? 1 : 0);
}

void MainWindow::newDesign() {
    if (!maybeSave())
        return;
    m_document->reset({});
    m_document->setFilePath({});
    showWelcome(false);
    m_view->setZoom(1);
    m_view->centerOn(0, 0);
}

void MainWindow::openTemplate(const QString& resourcePath) {
    if (!maybeSave())
        return;
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly) ||
        !m_files->loadText(file.readAll(), QFileInfo(resourcePath).fileName())) {
        QMessageBox::warning(this, tr("Cannot open the template"), m_files->lastError());
        return;
    }
    afterLoad(QFileInfo(resourcePath).baseName());
}

void MainWindow::openWithDialog() {
    if (!maybeSave())
        return;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open"), {}, DesignFiles::openFilter());
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::importWithDialog() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a JSON design"), {},
                                                      tr("Designs (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (!m_files->importJson(path)) {
        QMessageBox::warning(this, tr("Cannot import the design"), m_files->lastError());
        return;
    }
    afterLoad(QFileInfo(path).fileName());
}

void MainWindow::exportWithDialog() {
    QString path = QFileDialog::getSaveFileName(this, tr("Export as a JSON design"), {},
                                                tr("Designs (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    if (!m_files->exportJson(path))
        QMessageBox::warning(this, tr("Cannot export the design"), m_files->lastError());
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

bool MainWindow::save() {
    if (m_document->filePath().isEmpty() || !isDesignFile(m_document->filePath()))
        return saveAs();
    if (!m_files->save()) {
        QMessageBox::warning(this, tr("Cannot save"), m_files->lastError());
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(m_document->filePath()), 5000);
    return true;
}

bool MainWindow::saveAs() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save as"), m_document->filePath(),
                                                DesignFiles::saveFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".") + QLatin1String(DesignFiles::kWorkspaceSuffix);
    if (!m_files->saveAs(path)) {
        QMessageBox::warning(this, tr("Cannot save"), m_files->lastError());
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

bool MainWindow::maybeSave() {
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("“%1” has changes that are not saved. Save them first?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::offerRecovery(const QList<Autosaver::Leftover>& leftovers) {
    m_recoveryBanner->offer(leftovers);
}

bool MainWindow::recover(const Autosaver::Leftover& leftover) {
    QString error;
    std::optional<design::Design> design = Autosaver::load(leftover, m_catalog, &error);
    if (!design) {
        QMessageBox::warning(this, tr("Cannot recover"), error);
        return false;
    }
    m_document->reset(std::move(*design));
    m_document->setFilePath(leftover.originalPath);
    m_document->setSaved(false);
    Autosaver::remove(leftover);
    m_autosaver->saveNow();
    showWelcome(false);
    m_view->showDesign();
    statusBar()->showMessage(tr("Recovered the unsaved work; save it to keep it."), 8000);
    return true;
}

// ---- clipboard -------------------------------------------------------------------------

void MainWindow::copySelection() {
    design::Design fragment = copyFragment(m_document->design(), m_scene->selectedNodes(),
                                           m_scene->selectedDataCentres());
    if (fragment.nodes.empty() && fragment.datacentres.empty())
        return;
    QApplication::clipboard()->setMimeData(fragmentToMimeData(fragment));
    m_pasteCount = 0;
    statusBar()->showMessage(tr("Copied %n node(s)", "", int(fragment.nodes.size())), 3000);
}

void MainWindow::cutSelection() {
    copySelection();
    auto* command = new RemoveItemsCommand(*m_document, m_scene->selectedNodes(), {},
                                           m_scene->selectedDataCentres());
    if (command->isEmpty()) {
        delete command;
        return;
    }
    command->setText(tr("Cut"));
    m_document->undoStack().push(command);
}

void MainWindow::paste() {
    std::optional<design::Design> fragment =
        fragmentFromMimeData(QApplication::clipboard()->mimeData(), m_catalog);
    if (!fragment || (fragment->nodes.empty() && fragment->datacentres.empty())) {
        statusBar()->showMessage(tr("The clipboard holds no Scaleboard design."), 4000);
        return;
    }
    showWelcome(false);
    QRectF bounds;
    for (const auto& n : fragment->nodes)
        bounds |= QRectF(n.x - 1, n.y - 1, 2, 2);
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    // Near the copied nodes when they are in sight (each paste a step further), else in
    // the middle of the view.
    ++m_pasteCount;
    const QPointF centre = visible.contains(bounds.center())
                               ? bounds.center() + QPointF(40, 40) * m_pasteCount
                               : m_view->visibleCentre();
    const int pasted = int(fragment->nodes.size());
    m_scene->pasteFragment(std::move(*fragment), centre, tr("Paste"));
    statusBar()->showMessage(tr("Pasted %n node(s)", "", pasted), 3000);
    m_view->setFocus();
}

// ---- window events -----------------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_autosaver->discard();
    event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        applyCanvasStyle();
    QMainWindow::changeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile() && isDesignFile(url.toLocalFile())) {
            event->acceptProposedAction();
            return;
        }
    QMainWindow::dragEnterEvent(event);
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile() && isDesignFile(url.toLocalFile())) {
            event->acceptProposedAction();
            if (maybeSave())
                openFile(url.toLocalFile());
            return;
        }
}

} // namespace sb::gui
