// The designer window driven like a user would: palette, canvas gestures, inspector,
// keyboard shortcuts, clipboard, files and autosave recovery, on the offscreen platform.
#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "gui/canvas/DataCentreItem.h"
#include "gui/canvas/DesignScene.h"
#include "gui/canvas/DesignView.h"
#include "gui/canvas/LabelEditor.h"
#include "gui/canvas/LinkItem.h"
#include "gui/canvas/NodeItem.h"
#include "gui/document/DesignDocument.h"
#include "gui/panels/InspectorDock.h"
#include "gui/panels/PaletteDock.h"
#include "gui/panels/PropertyForm.h"
#include "gui/window/Autosaver.h"
#include "gui/window/DesignFiles.h"
#include "gui/window/MainWindow.h"
#include "gui/window/RecoveryBanner.h"
#include "gui/window/WelcomeCard.h"
#include "gui/window/WelcomePage.h"
#include "render/CanvasStyle.h"
#include "render/KindIcons.h"
#include "workspace/SqliteConnection.h"
#include "workspace/WorkspaceFile.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QGraphicsRectItem>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>
#include <memory>

using namespace sb;
using namespace sb::gui;

namespace {

const comp::ComponentRegistry& registry() {
    return comp::ComponentRegistry::builtin();
}

std::unique_ptr<MainWindow> openWindow() {
    auto window = std::make_unique<MainWindow>(registry());
    window->resize(1400, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qFatal("window not exposed");
    window->document().reset({});
    window->showWelcome(false);
    window->view().setZoom(1);
    window->view().centerOn(300, 150);
    return window;
}

QWidget* viewport(MainWindow& w) {
    return w.view().viewport();
}

QPoint at(MainWindow& w, QPointF scenePos) {
    return w.view().mapFromScene(scenePos);
}

QTreeWidgetItem* paletteItem(MainWindow& w, const QString& kind) {
    QTreeWidget* tree = w.palette()->tree();
    for (int c = 0; c < tree->topLevelItemCount(); ++c)
        for (int i = 0; i < tree->topLevelItem(c)->childCount(); ++i) {
            QTreeWidgetItem* item = tree->topLevelItem(c)->child(i);
            if (item->data(0, Qt::UserRole + 1).toString() == kind)
                return item;
        }
    return nullptr;
}

/// Drops a kind from the palette onto the canvas (the palette's own drag data).
design::NodeId dropFromPalette(MainWindow& w, const QString& kind, QPointF scenePos) {
    QTreeWidgetItem* item = paletteItem(w, kind);
    if (!item)
        qFatal("no palette item for %s", qPrintable(kind));
    QTreeWidget* tree = w.palette()->tree();
    tree->setCurrentItem(item);
    std::unique_ptr<QMimeData> mime(
        tree->model()->mimeData(tree->selectionModel()->selectedIndexes()));
    const QPoint pos = at(w, scenePos);
    QDragEnterEvent enter(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport(w), &enter);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport(w), &drop);
    const auto selected = w.scene().selectedNodes();
    return selected.size() == 1 ? selected.front() : design::NodeId{};
}

/// Presses on one scene point, moves in steps to another and releases there.
void drag(MainWindow& w, QPointF from, QPointF to, Qt::KeyboardModifiers modifiers = {}) {
    QTest::mousePress(viewport(w), Qt::LeftButton, modifiers, at(w, from));
    for (int step = 1; step <= 4; ++step)
        QTest::mouseMove(viewport(w), at(w, from + (to - from) * step / 4.0));
    QTest::mouseRelease(viewport(w), Qt::LeftButton, modifiers, at(w, to));
}

QPointF centreOf(MainWindow& w, const design::NodeId& id) {
    const design::Node* n = w.document().design().node(id);
    return {n->x, n->y};
}

QPointF handleOf(MainWindow& w, const design::NodeId& id) {
    return w.scene().nodeItem(id)->handleSceneRect().center();
}

void click(MainWindow& w, QPointF scenePos, Qt::KeyboardModifiers modifiers = {}) {
    QTest::mouseClick(viewport(w), Qt::LeftButton, modifiers, at(w, scenePos));
}

void shortcut(MainWindow& w, QKeySequence keys) {
    // Window shortcuts go to the active window.
    QApplication::setActiveWindow(&w);
    QTest::keySequence(&w, keys);
    QCoreApplication::processEvents();
}

QLineEdit* propertyEditor(MainWindow& w, const std::string& path) {
    return qobject_cast<QLineEdit*>(w.inspector()->form()->editor(path));
}

void typeInto(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

/// The clients -> web server design the tests build with the mouse.
struct TwoNodes {
    design::NodeId clients;
    design::NodeId web;
};

TwoNodes placeAndLink(MainWindow& w) {
    TwoNodes t;
    t.clients = dropFromPalette(w, QStringLiteral("clients"), {100, 100});
    t.web = dropFromPalette(w, QStringLiteral("web_server"), {400, 100});
    drag(w, handleOf(w, t.clients), centreOf(w, t.web));
    return t;
}

/// Template files shipped: the eleven steps and those beyond the path.
int templateFileCount() {
    return static_cast<int>(QDir(QStringLiteral(SCALEBOARD_SOURCE_DIR "/resources/templates"))
                                .entryList({QStringLiteral("*.json")}, QDir::Files)
                                .size());
}

} // namespace

class DesignerTest final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ScaleboardTest"));
        QCoreApplication::setApplicationName(QStringLiteral("gui_designer"));
        QSettings().clear();
        QDir(Autosaver::recoveryDirectory()).removeRecursively();
    }

    void paletteHasEveryKindWithItsIcon() {
        auto w = openWindow();
        for (const auto* d : registry().all()) {
            QTreeWidgetItem* item = paletteItem(*w, QString::fromStdString(d->kind));
            QVERIFY2(item, d->kind.c_str());
            QCOMPARE(item->parent()->text(0), QString::fromStdString(d->category).toUpper());
            QVERIFY2(render::KindIcons::exists(d->iconName),
                     ("no icon for " + d->iconName).c_str());
            QVERIFY(!item->icon(0).pixmap(32, 32).isNull());
        }
        QVERIFY(render::KindIcons::exists("datacenter"));
        // The search box keeps only matching kinds.
        QTest::keyClicks(w->palette()->searchBox(), QStringLiteral("web"));
        QVERIFY(!paletteItem(*w, QStringLiteral("web_server"))->isHidden());
        QVERIFY(paletteItem(*w, QStringLiteral("clients"))->isHidden());
        w->palette()->searchBox()->clear();
        QVERIFY(!paletteItem(*w, QStringLiteral("clients"))->isHidden());
    }

    void placesNodesFromThePalette() {
        auto w = openWindow();
        const design::NodeId dropped =
            dropFromPalette(*w, QStringLiteral("web_server"), {200, 120});
        QCOMPARE(dropped.value, std::string("web_server1"));
        const design::Node* n = w->document().design().node(dropped);
        QVERIFY(n);
        QCOMPARE(n->kind, std::string("web_server"));
        QCOMPARE(QPointF(n->x, n->y), QPointF(200, 120)); // on the 20-unit grid
        QVERIFY(w->scene().nodeItem(dropped));

        // Double-clicking a palette entry places it in the middle of the view.
        QTreeWidget* tree = w->palette()->tree();
        QTreeWidgetItem* clients = paletteItem(*w, QStringLiteral("clients"));
        tree->scrollToItem(clients);
        const QPoint p = tree->visualItemRect(clients).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, p);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(w->document().design().nodes.size(), size_t(2));
        QCOMPARE(w->document().design().nodes.back().kind, std::string("clients"));
    }

    void linksNodesByDraggingFromTheHandle() {
        auto w = openWindow();
        const TwoNodes t = placeAndLink(*w);
        QCOMPARE(w->document().design().links.size(), size_t(1));
        const design::Link& link = w->document().design().links.front();
        QCOMPARE(link.from, t.clients);
        QCOMPARE(link.to, t.web);
        QVERIFY(w->scene().linkItem(link.id()));
        QVERIFY(w->scene().lastRefusal().isEmpty());
        // The status bar says what happened, not what to do next.
        const QString status = w->statusBar()->currentMessage();
        QVERIFY2(status.startsWith(QLatin1String("Linked")), qPrintable(status));
        // The link leaves the sender's output side and enters the receiver's input side.
        const QPainterPath& path = w->scene().linkItem(link.id())->path();
        const design::Node* from = w->document().node(link.from);
        const design::Node* to = w->document().node(link.to);
        QCOMPARE(path.pointAtPercent(0).x(), from->x + DesignDocument::kNodeWidth / 2);
        QVERIFY(path.pointAtPercent(1).x() < to->x - DesignDocument::kNodeWidth / 2);
    }

    void refusesABadLinkAndSaysWhy() {
        auto w = openWindow();
        const TwoNodes t = placeAndLink(*w);
        // Requests flow downstream: a web server may not send to clients.
        drag(*w, handleOf(*w, t.web), centreOf(*w, t.clients));
        QCOMPARE(w->document().design().links.size(), size_t(1));
        const QString why = w->scene().lastRefusal();
        QVERIFY2(why.contains(QStringLiteral("Web server cannot send to Clients")),
                 qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("may send to:")), qPrintable(why));
        QCOMPARE(w->statusBar()->currentMessage(), why);
        // Nor link twice, nor to itself.
        drag(*w, handleOf(*w, t.clients), centreOf(*w, t.web));
        QCOMPARE(w->document().design().links.size(), size_t(1));
        QVERIFY(w->scene().lastRefusal().contains(QStringLiteral("already sends to")));
    }

    void editsAPropertyInTheInspectorAndRefusesBadValues() {
        auto w = openWindow();
        const TwoNodes t = placeAndLink(*w);
        click(*w, centreOf(*w, t.web));
        QCOMPARE(w->scene().selectedNodes(), std::vector<design::NodeId>{t.web});
        QLineEdit* workers = propertyEditor(*w, "workers");
        QVERIFY(workers);
        QCOMPARE(workers->text(), QStringLiteral("8")); // the default
        typeInto(workers, QStringLiteral("16"));
        QCOMPARE(w->document().design().node(t.web)->props.value("workers", 0), 16);
        // Ctrl+Z with the field still focused undoes that change in the design, and
        // Ctrl+Shift+Z redoes it.
        QVERIFY(workers->hasFocus());
        QTest::keyClick(workers, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!w->document().design().node(t.web)->props.contains("workers"));
        QTest::keyClick(workers, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(w->document().design().node(t.web)->props.value("workers", 0), 16);

        // Out of range: refused with the reason, the document keeps 16.
        typeInto(workers, QStringLiteral("0"));
        QCOMPARE(w->document().design().node(t.web)->props.value("workers", 0), 16);
        const QString refusal = w->inspector()->form()->refusal("workers");
        QVERIFY2(refusal.contains(QStringLiteral("must be an integer from 1 to 4096")),
                 qPrintable(refusal));
        // The field shows what the design holds again; the reason stays until the next edit.
        QCOMPARE(workers->text(), QStringLiteral("16"));
        QCoreApplication::processEvents();
        QVERIFY(!w->inspector()->form()->refusal("workers").isEmpty());
        QTest::keyClick(workers, Qt::Key_Backspace);
        QVERIFY(w->inspector()->form()->refusal("workers").isEmpty());
        typeInto(workers, QStringLiteral("lots"));
        QVERIFY(
            w->inspector()->form()->refusal("workers").contains(QStringLiteral("not a number")));
        typeInto(workers, QStringLiteral("2.5"));
        QCOMPARE(w->document().design().node(t.web)->props.value("workers", 0), 16);

        // A field of a group, and a number with a fraction.
        typeInto(propertyEditor(*w, "autoscale.max"), QStringLiteral("20"));
        QCOMPARE(w->document().design().node(t.web)->props["autoscale"].value("max", 0), 20);
        typeInto(propertyEditor(*w, "service_ms"), QStringLiteral("12.5"));
        QCOMPARE(w->document().design().node(t.web)->props.value("service_ms", 0.0), 12.5);
        // An empty field goes back to the default.
        typeInto(propertyEditor(*w, "service_ms"), QString());
        QVERIFY(!w->document().design().node(t.web)->props.contains("service_ms"));
    }

    void editsALinksOwnCallPolicyInTheInspector() {
        auto w = openWindow();
        const TwoNodes t = placeAndLink(*w);
        const design::LinkId id{t.clients, t.web};
        w->scene().clearSelection();
        w->scene().linkItem(id)->setSelected(true);
        QCOMPARE(w->scene().selectedLinks(), std::vector<design::LinkId>{id});
        // A link leaving clients carries every link's properties and the call policy the
        // clients kind declares for its links.
        QVERIFY(propertyEditor(*w, "latency_ms"));
        QLineEdit* attempts = propertyEditor(*w, "call_policy.max_attempts");
        QVERIFY(attempts);
        QCOMPARE(attempts->text(), QStringLiteral("1")); // the default
        typeInto(attempts, QStringLiteral("3"));
        QCOMPARE(w->document().design().link(id)->props["call_policy"].value("max_attempts", 0),
                 3);
        typeInto(propertyEditor(*w, "call_policy.timeout_ms"), QStringLiteral("250"));
        QCOMPARE(w->document().design().link(id)->props["call_policy"].value("timeout_ms", 0.0),
                 250.0);
        // Out of range: refused with the reason; the link keeps 3.
        typeInto(attempts, QStringLiteral("0"));
        QCOMPARE(w->document().design().link(id)->props["call_policy"].value("max_attempts", 0),
                 3);
        const QString refusal = w->inspector()->form()->refusal("call_policy.max_attempts");
        QVERIFY2(refusal.contains(QStringLiteral("must be an integer from 1 to 20")),
                 qPrintable(refusal));
        // Each edit is one undo step.
        w->document().undoStack().undo();
        QVERIFY(!w->document().design().link(id)->props.at("call_policy").contains("timeout_ms"));
        w->document().undoStack().undo();
        QVERIFY(!w->document().design().link(id)->props.contains("call_policy"));
        // A link from a kind that declares no link properties shows every link's only.
        const design::NodeId db = dropFromPalette(*w, QStringLiteral("db_primary"), {100, 400});
        const design::NodeId replica =
            dropFromPalette(*w, QStringLiteral("db_replica"), {400, 400});
        drag(*w, handleOf(*w, db), centreOf(*w, replica));
        w->scene().clearSelection();
        w->scene().linkItem({db, replica})->setSelected(true);
        QVERIFY(propertyEditor(*w, "latency_ms"));
        QVERIFY(!propertyEditor(*w, "call_policy.max_attempts"));
    }

    void editsSeveralNodesOfOneKindAtOnce() {
        auto w = openWindow();
        const auto a = dropFromPalette(*w, QStringLiteral("web_server"), {100, 100});
        const auto b = dropFromPalette(*w, QStringLiteral("web_server"), {100, 260});
        click(*w, centreOf(*w, a));
        click(*w, centreOf(*w, b), Qt::ControlModifier);
        QCOMPARE(w->scene().selectedNodes().size(), size_t(2));
        typeInto(propertyEditor(*w, "queue_limit"), QStringLiteral("50"));
        QCOMPARE(w->document().design().node(a)->props.value("queue_limit", 0), 50);
        QCOMPARE(w->document().design().node(b)->props.value("queue_limit", 0), 50);
        QCOMPARE(w->document().undoStack().count(), 3);
    }

    void undoesAndRedoesEveryStepBackToTheEmptyDocument() {
        auto w = openWindow();
        const TwoNodes t = placeAndLink(*w); // 3 steps
        click(*w, centreOf(*w, t.web));
        typeInto(propertyEditor(*w, "workers"), QStringLiteral("32"));        // 4
        drag(*w, centreOf(*w, t.web), centreOf(*w, t.web) + QPointF(60, 80)); // 5: one step
        QCOMPARE(centreOf(*w, t.web), QPointF(460, 180));
        QLineEdit* label = w->inspector()->labelEdit();
        label->setFocus();
        label->selectAll();
        QTest::keyClicks(label, QStringLiteral("Front end"));
        QTest::keyClick(label, Qt::Key_Return); // 6
        QCOMPARE(w->document().design().node(t.web)->label, std::string("Front end"));
        w->view().setFocus();
        shortcut(*w, QKeySequence(QStringLiteral("Ctrl+G"))); // 7: data centre around it
        QCOMPARE(w->document().design().datacentres.size(), size_t(1));
        QCOMPARE(w->document().design().node(t.web)->dc, std::string("dc1"));
        QCOMPARE(w->document().undoStack().count(), 7);
        // Undo texts name nodes as people read them (their labels), not by id.
        const QUndoStack& stack = w->document().undoStack();
        QCOMPARE(stack.text(3), QStringLiteral("Set workers of Web server to 32"));
        QCOMPARE(stack.text(5), QStringLiteral("Rename Web server to “Front end”"));

        const design::Design built = w->document().design();
        std::vector<design::Design> states;
        while (w->document().undoStack().canUndo()) {
            states.push_back(w->document().design());
            shortcut(*w, QKeySequence::Undo);
            // The canvas always shows what the document holds.
            for (const auto& n : w->document().design().nodes)
                QVERIFY(w->scene().nodeItem(n.id));
        }
        QCOMPARE(states.size(), size_t(7));
        QVERIFY(w->document().design() == design::Design{});
        QVERIFY(!w->document().isModified());
        QVERIFY(w->scene().designBounds().isNull());
        while (w->document().undoStack().canRedo()) {
            shortcut(*w, QKeySequence::Redo);
            QVERIFY(w->document().design() ==
                    states[states.size() - size_t(w->document().undoStack().index())]);
        }
        QVERIFY(w->document().design() == built);
    }

    void movesSelectionWithRubberBandAndKeys() {
        auto w = openWindow();
        const auto a = dropFromPalette(*w, QStringLiteral("web_server"), {100, 100});
        const auto b = dropFromPalette(*w, QStringLiteral("web_server"), {300, 160});
        w->scene().clearSelection();
        // Rubber band from empty canvas around both nodes.
        drag(*w, {-20, 20}, {420, 240});
        QCOMPARE(w->scene().selectedNodes().size(), size_t(2));
        w->view().setFocus();
        QTest::keyClick(viewport(*w), Qt::Key_Right);
        QTest::keyClick(viewport(*w), Qt::Key_Right);
        QCOMPARE(centreOf(*w, a), QPointF(140, 100));
        QCOMPARE(centreOf(*w, b), QPointF(340, 160));
        QCOMPARE(w->document().undoStack().count(), 3); // two nudges, one step
        shortcut(*w, QKeySequence(QStringLiteral("Alt+Shift+T")));
        QCOMPARE(centreOf(*w, b).y(), 100.0);
        shortcut(*w, QKeySequence::Delete);
        QVERIFY(w->document().design().nodes.empty());
    }

    void dropsNodesIntoDataCentresAndMovesThemTogether() {
        auto w = openWindow();
        const auto web = dropFromPalette(*w, QStringLiteral("web_server"), {100, 100});
        w->scene().clearSelection();
        w->scene().addDataCentre({600, 200});
        const design::DataCentre dc = w->document().design().datacentres.front();
        QVERIFY(w->document().design().node(web)->dc.empty());
        // Drag the node into the container: it now belongs to it.
        const QPointF inside(dc.x + dc.width / 2, dc.y + dc.height / 2);
        drag(*w, centreOf(*w, web), inside);
        QCOMPARE(w->document().design().node(web)->dc, dc.id.value);
        QCOMPARE(w->document().undoStack().count(), 3);
        // Drag the container by its header: the node moves with it.
        const QPointF before = centreOf(*w, web);
        const QPointF header = w->scene().dataCentreItem(dc.id)->headerSceneRect().center();
        drag(*w, header, header + QPointF(100, 40));
        QCOMPARE(centreOf(*w, web), before + QPointF(100, 40));
        QCOMPARE(w->document().design().dataCentre(dc.id)->x, dc.x + 100);
        // Out again.
        drag(*w, centreOf(*w, web), {-300, -200});
        QVERIFY(w->document().design().node(web)->dc.empty());
        shortcut(*w, QKeySequence::Undo);
        QCOMPARE(w->document().design().node(web)->dc, dc.id.value);
    }

    void renamesALabelInPlace() {
        auto w = openWindow();
        const auto web = dropFromPalette(*w, QStringLiteral("web_server"), {100, 100});
        QTest::mouseDClick(viewport(*w), Qt::LeftButton, {}, at(*w, centreOf(*w, web)));
        auto* editor = dynamic_cast<LabelEditor*>(w->scene().focusItem());
        QVERIFY(editor);
        QTest::keyClicks(viewport(*w), QStringLiteral("Edge proxy"));
        QTest::keyClick(viewport(*w), Qt::Key_Return);
        QCOMPARE(w->document().design().node(web)->label, std::string("Edge proxy"));
    }

    void copiesAndPastesWithinAndBetweenWindows() {
        auto w = openWindow();
        const TwoNodes t = placeAndLink(*w);
        w->view().setFocus();
        shortcut(*w, QKeySequence::SelectAll);
        shortcut(*w, QKeySequence::Copy);
        shortcut(*w, QKeySequence::Paste);
        const design::Design& d = w->document().design();
        QCOMPARE(d.nodes.size(), size_t(4));
        QCOMPARE(d.links.size(), size_t(2));
        QCOMPARE(d.nodes[2].id.value, std::string("clients2"));
        QCOMPARE(d.nodes[3].id.value, std::string("web_server2"));
        QCOMPARE(d.links[1].from.value, std::string("clients2"));
        QCOMPARE(d.links[1].to.value, std::string("web_server2"));
        QCOMPARE(w->scene().selectedNodes().size(), size_t(2)); // the pasted ones
        QCOMPARE(w->statusBar()->currentMessage(), QStringLiteral("Pasted 2 node(s)"));

        // Another window reads the same clipboard.
        auto other = openWindow();
        other->view().setFocus();
        shortcut(*other, QKeySequence::Paste);
        QCOMPARE(other->document().design().nodes.size(), size_t(2));
        QCOMPARE(other->document().design().nodes[0].id, t.clients);
        QCOMPARE(other->document().design().links.size(), size_t(1));
        // The clipboard holds the JSON design format as text as well.
        const design::LoadResult text =
            design::readDraftDesign(QApplication::clipboard()->text().toStdString(), registry());
        QVERIFY(text.ok());
        QCOMPARE(text.design->nodes.size(), size_t(2));
        shortcut(*other, QKeySequence::Undo);
        QVERIFY(other->document().design().nodes.empty());

        // Duplicate and cut.
        w->scene().selectNodes({t.web});
        shortcut(*w, QKeySequence(QStringLiteral("Ctrl+D")));
        QCOMPARE(w->document().design().nodes.size(), size_t(5));
        shortcut(*w, QKeySequence::Cut);
        QCOMPARE(w->document().design().nodes.size(), size_t(4));
    }

    void savesAndReopensAnIdenticalDocument_data() {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("workspace") << QStringLiteral("design.sbw");
        QTest::newRow("json") << QStringLiteral("design.json");
    }

    void savesAndReopensAnIdenticalDocument() {
        QFETCH(QString, fileName);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        auto w = openWindow();
        const TwoNodes t = placeAndLink(*w);
        click(*w, centreOf(*w, t.web));
        typeInto(propertyEditor(*w, "service_ms"), QStringLiteral("7.25"));
        w->scene().addDataCentre({});
        QVERIFY(w->document().isModified());
        QVERIFY2(w->files().saveAs(path), qPrintable(w->files().lastError()));
        QVERIFY(!w->document().isModified());
        QVERIFY(w->windowTitle().startsWith(fileName));
        QCOMPARE(DesignFiles::recentFiles().front(), QFileInfo(path).absoluteFilePath());

        auto reopened = openWindow();
        QVERIFY(reopened->openFile(path, true));
        QVERIFY(reopened->document().design() == w->document().design());
        QVERIFY(!reopened->document().isModified());
        QCOMPARE(reopened->scene().selectedNodes().size(), size_t(0));
        QVERIFY(reopened->scene().nodeItem(t.web));
    }

    void aDamagedWorkspaceOpensWithWhatItRecoveredAndSaysWhat() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("damaged.sbw")).toStdString();
        auto w = openWindow();
        placeAndLink(*w);
        ws::RunRecord run;
        run.startedAt = "2026-12-01T10:00:00Z";
        run.summary = {{"requests", {{"total", 10}, {"ok", 10}, {"failed", 0}}}};
        QCOMPARE(ws::WorkspaceFile::save(path, w->document().design(), {run}), std::string());
        {
            ws::SqliteConnection db(path, ws::SqliteConnection::Mode::ReadWrite);
            db.execute("UPDATE runs SET summary = '[1,2]'"); // its checksum no longer matches
        }
        const design::Design drawn = w->document().design();
        auto reopened = openWindow();
        QVERIFY(reopened->openFile(QString::fromStdString(path)));
        QVERIFY(reopened->document().design() == drawn);
        auto* message = reopened->findChild<QMessageBox*>(QStringLiteral("damagedFileMessage"));
        QVERIFY(message);
        QVERIFY2(message->text().contains(QStringLiteral("run 1 (2026-12-01T10:00:00Z) is damaged "
                                                         "and was left out")),
                 qPrintable(message->text()));
        QVERIFY(message->text().contains(QStringLiteral("Everything else was recovered")));
    }

    void refusesAFileItCannotRead() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"scaleboard-design\", \"version\": 1, \"nodes\": [{\"id\": 3}]}");
        file.close();
        auto w = openWindow();
        const auto web = dropFromPalette(*w, QStringLiteral("web_server"), {0, 0});
        QVERIFY(!w->openFile(path, true));
        QVERIFY(w->files().lastError().contains(QStringLiteral("broken.json")));
        QVERIFY(w->document().design().node(web)); // nothing was lost
    }

    void recoversAnAutosaveAfterACrash() {
        QDir(Autosaver::recoveryDirectory()).removeRecursively();
        auto crashed = openWindow();
        placeAndLink(*crashed);
        QVERIFY(crashed->autosaver().saveNow());
        QVERIFY(!crashed->autosaver().saveNow()); // nothing new to write
        const QString recoveryFile = crashed->autosaver().recoveryPath();
        QVERIFY(QFileInfo::exists(recoveryFile));
        // A window that is still open keeps its recovery file to itself.
        QVERIFY(Autosaver::leftovers().isEmpty());
        const design::Design lost = crashed->document().design();
        crashed.reset(); // gone without closing, as in a crash

        const auto leftovers = Autosaver::leftovers();
        QCOMPARE(leftovers.size(), 1);
        auto w = openWindow();
        w->offerRecovery(leftovers);
        QVERIFY(w->recoveryBanner()->isVisible());
        QTest::mouseClick(w->recoveryBanner()->recoverButton(), Qt::LeftButton);
        QVERIFY(w->document().design() == lost);
        QVERIFY(w->document().isModified());
        QVERIFY(!w->recoveryBanner()->isVisible());
        QVERIFY(!QFileInfo::exists(recoveryFile));

        // Saving (or closing cleanly) removes the window's own recovery file.
        QVERIFY(QFileInfo::exists(w->autosaver().recoveryPath()));
        w->document().setSaved(true);
        QVERIFY(!QFileInfo::exists(w->autosaver().recoveryPath()));
    }

    void hostileRecoveryFilesAreSkippedOrRefusedWithoutACrash() {
        QDir(Autosaver::recoveryDirectory()).removeRecursively();
        QVERIFY(QDir().mkpath(Autosaver::recoveryDirectory()));
        auto write = [](const char* name, const QByteArray& text) {
            QFile f(Autosaver::recoveryDirectory() + QLatin1Char('/') + QLatin1String(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        // Members of the wrong type once threw from nlohmann::json::value().
        write("types.json", R"({"format": "scaleboard-recovery", "original": 5,
                              "saved_at": [1], "design": {"name": {"x": 1}}})");
        // 100,000 levels deep: dumping it once overflowed the stack.
        write("deep.json", "{\"format\": \"scaleboard-recovery\", \"design\": " +
                               QByteArray(100000, '[') + QByteArray(100000, ']') + "}");
        const auto leftovers = Autosaver::leftovers();
        QCOMPARE(leftovers.size(), 1); // the deep one is not a readable recovery file
        QCOMPARE(leftovers[0].originalPath, QString());
        QString error;
        QVERIFY(!Autosaver::load(leftovers[0], registry(), &error));
        QVERIFY(!error.isEmpty());
        QDir(Autosaver::recoveryDirectory()).removeRecursively();
    }

    void showsValidationProblemsAsBadges() {
        auto w = openWindow();
        const auto clients = dropFromPalette(*w, QStringLiteral("clients"), {-200, 100});
        QTRY_VERIFY(w->scene().nodeItem(clients)->hasErrors()); // linked to nothing
        const auto web = dropFromPalette(*w, QStringLiteral("web_server"), {100, 100});
        QTRY_VERIFY(w->scene().nodeItem(web)->hasProblems()); // no traffic reaches it
        QVERIFY(!w->scene().nodeItem(web)->hasErrors());
        drag(*w, handleOf(*w, clients), centreOf(*w, web));
        QTRY_VERIFY(!w->scene().nodeItem(clients)->hasProblems());
        QTRY_VERIFY(!w->scene().nodeItem(web)->hasProblems());
    }

    void opensTheExampleDesign() {
        auto w = openWindow();
        // Layers drawn over the canvas by others (live traffic) outlive a new design.
        auto* overlay = new QGraphicsRectItem(0, 0, 10, 10);
        w->scene().addItem(overlay);
        w->loadDefaultDesign();
        QVERIFY(w->scene().items().contains(overlay));
        QVERIFY(w->document().design().nodes.size() >= 5);
        QVERIFY(!w->document().isModified());
        QVERIFY(w->document().filePath().isEmpty());
        for (const auto& n : w->document().design().nodes)
            QVERIFY(w->scene().nodeItem(n.id));
    }

    void opensEveryStepFromTheTemplatesMenu() {
        auto w = openWindow();
        auto* menu = w->findChild<QMenu*>(QStringLiteral("menuTemplates"));
        QVERIFY(menu);
        const auto actions = menu->actions();
        // The eleven steps of the scaling path first, then the templates beyond it.
        QCOMPARE(actions.size(), qsizetype(templateFileCount()));
        QVERIFY(actions.at(10)->text().startsWith(QLatin1String("Step 11")));
        actions.at(3)->trigger();
        QCOMPARE(QString::fromStdString(w->document().design().name), actions.at(3)->text());
        QVERIFY(!actions.at(3)->toolTip().isEmpty()); // the template's explanation
        QVERIFY(!w->document().design().faults.empty());
    }

    void opensATemplateCardWithOneClickOrEnter() {
        auto w = openWindow();
        w->showWelcome(true);
        const auto& cards = w->welcomePage()->templateCards();
        QCOMPARE(cards.size(), qsizetype(templateFileCount()));
        QCOMPARE(cards.at(3)->title(), QStringLiteral("Database replication with failover"));
        QTest::mouseClick(cards.at(3), Qt::LeftButton);
        QVERIFY(!w->welcomePage()->isVisible());
        QVERIFY(QString::fromStdString(w->document().design().name).startsWith("Step 4"));

        w->showWelcome(true);
        cards.at(0)->setFocus();
        QTest::keyClick(cards.at(0), Qt::Key_Return);
        QVERIFY(QString::fromStdString(w->document().design().name).startsWith("Step 1"));
        // A recent file is a card too: saved, then opened again with one click.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("recent-one.json"));
        QVERIFY2(w->files().saveAs(path), qPrintable(w->files().lastError()));
        w->document().reset({});
        w->showWelcome(true);
        WelcomeCard* recent = w->welcomePage()->recentCards().value(0);
        QVERIFY(recent);
        QCOMPARE(recent->title(), QStringLiteral("recent-one.json"));
        QTest::mouseClick(recent, Qt::LeftButton);
        QVERIFY(!w->welcomePage()->isVisible());
        QCOMPARE(QFileInfo(w->document().filePath()).fileName(), QStringLiteral("recent-one.json"));
    }

    void eachLinkHasItsOwnPortAndDesignsOpenReadable() {
        // A load balancer feeding three servers, and three senders into one database.
        design::Design d;
        auto add = [&](const std::string& id, const std::string& kind, double x, double y) {
            design::Node n;
            n.id.value = id;
            n.kind = kind;
            n.x = x;
            n.y = y;
            d.nodes.push_back(n);
        };
        add("lb", "load_balancer", 0, 0);
        for (int i = 0; i < 3; ++i)
            add("web" + std::to_string(i), "web_server", 400, -150 + 150 * i);
        add("db", "db_primary", 800, 0);
        for (int i = 0; i < 3; ++i) {
            const std::string web = "web" + std::to_string(i);
            d.links.push_back(
                {design::NodeId{"lb"}, design::NodeId{web}, nlohmann::json::object()});
            d.links.push_back(
                {design::NodeId{web}, design::NodeId{"db"}, nlohmann::json::object()});
        }
        auto w = openWindow();
        w->document().reset(d);
        std::vector<double> out, in;
        for (int i = 0; i < 3; ++i) {
            const std::string web = "web" + std::to_string(i);
            out.push_back(w->scene()
                              .linkItem({design::NodeId{"lb"}, design::NodeId{web}})
                              ->path()
                              .pointAtPercent(0)
                              .y());
            in.push_back(w->scene()
                             .linkItem({design::NodeId{web}, design::NodeId{"db"}})
                             ->path()
                             .pointAtPercent(1)
                             .y());
        }
        // Distinct anchors, ordered like the nodes at the other end (so they do not cross).
        QVERIFY(out[0] < out[1] && out[1] < out[2]);
        QVERIFY(in[0] < in[1] && in[1] < in[2]);

        // Step 11 is wider than a laptop's canvas: it opens at a zoom where the cards'
        // labels keep 9 pt on screen, not fitted at 24%.
        w->resize(1366, 768);
        QVERIFY(
            w->openFile(SCALEBOARD_SOURCE_DIR "/resources/templates/step11-multi-datacentre.json"));
        QVERIFY(w->view().zoom() >= DesignView::kReadableZoom);
        QVERIFY(render::readablePointSize(9.5, w->view().zoom()) * w->view().zoom() >=
                render::kReadablePoints);
    }

    // How fast it opens is bench_gui's openDesign; here, that everything is there.
    void opensALargeDesign() {
        design::Design big;
        for (int i = 0; i < 300; ++i) {
            design::Node n;
            n.id.value = (i % 10 == 0 ? "clients" : "web") + std::to_string(i);
            n.kind = i % 10 == 0 ? "clients" : "web_server";
            n.label = "Node " + std::to_string(i);
            n.x = (i % 20) * 220.0;
            n.y = (i / 20) * 120.0;
            big.nodes.push_back(n);
        }
        for (int i = 0; i < 300; ++i)
            for (int k : {1, 7}) {
                const int j = (i + k) % 300;
                big.links.push_back(
                    {big.nodes[size_t(i)].id, big.nodes[size_t(j)].id, nlohmann::json::object()});
            }
        auto w = openWindow();
        w->document().reset(big);
        w->view().fitToDesign();
        QCoreApplication::processEvents();
        w->view().viewport()->repaint();
        QCOMPARE(w->document().design().links.size(), size_t(600));
        for (const auto& n : big.nodes)
            QVERIFY(w->scene().nodeItem(n.id));
        for (const auto& l : big.links)
            QVERIFY(w->scene().linkItem(l.id()));
    }
};

QTEST_MAIN(DesignerTest)
#include "DesignerTest.moc"
