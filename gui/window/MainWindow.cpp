#include "gui/window/MainWindow.h"
#include "gui/panels/Scrolling.h"

#include "gui/window/TemplateCatalog.h"

#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
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
#include "render/KindIcons.h"

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
    setWindowIcon(render::KindIcons::icon("app"));
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
    m_scene->setCanvasStyle(render::CanvasStyle::fromPalette(QApplication::palette()));
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
        if (url.isLocalFile() && DesignFiles::isDesignFile(url.toLocalFile())) {
            event->acceptProposedAction();
            return;
        }
    QMainWindow::dragEnterEvent(event);
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile() && DesignFiles::isDesignFile(url.toLocalFile())) {
            event->acceptProposedAction();
            if (maybeSave())
                openFile(url.toLocalFile());
            return;
        }
}

} // namespace sb::gui
