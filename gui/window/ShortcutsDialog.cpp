#include "gui/window/ShortcutsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb::gui {

namespace {

void addMenu(QTreeWidgetItem* parent, const QMenu* menu) {
    for (QAction* action : menu->actions()) {
        if (action->menu()) {
            addMenu(parent, action->menu());
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        auto* item = new QTreeWidgetItem(parent);
        item->setText(0, action->text().remove(QLatin1Char('&')));
        item->setText(1, keys.join(QStringLiteral(", ")));
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Keyboard shortcuts"));
    resize(560, 640);
    auto* layout = new QVBoxLayout(this);
    auto* tree = new QTreeWidget;
    tree->setObjectName(QStringLiteral("shortcutsTree"));
    tree->setColumnCount(2);
    tree->setHeaderLabels({tr("Command"), tr("Keys")});
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    for (QAction* top : menus->actions()) {
        if (!top->menu())
            continue;
        auto* group = new QTreeWidgetItem(tree);
        group->setText(0, top->text().remove(QLatin1Char('&')));
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        addMenu(group, top->menu());
        if (group->childCount() == 0)
            delete group;
    }
    auto* canvas = new QTreeWidgetItem(tree);
    canvas->setText(0, tr("Canvas"));
    QFont bold = canvas->font(0);
    bold.setBold(true);
    canvas->setFont(0, bold);
    const std::pair<QString, QString> gestures[] = {
        {tr("Place a component"), tr("Drag from the palette, or double-click it")},
        {tr("Link two nodes"), tr("Drag from a node's right-hand handle to the other node")},
        {tr("Select several"), tr("Drag a rectangle, or Ctrl+click")},
        {tr("Move the selection"), tr("Drag, or arrow keys (Shift: five grid steps)")},
        {tr("Rename a node"), tr("Double-click it, or F2")},
        {tr("Put nodes in a data centre"), tr("Drop them inside it")},
        {tr("Move a data centre with its nodes"), tr("Drag its header")},
        {tr("Resize a data centre"), tr("Drag its lower-right corner")},
        {tr("Zoom"), tr("Mouse wheel or pinch")},
        {tr("Pan"), tr("Middle button drag, or hold Space and drag")},
    };
    for (const auto& [what, how] : gestures) {
        auto* item = new QTreeWidgetItem(canvas);
        item->setText(0, what);
        item->setText(1, how);
    }
    tree->expandAll();
    tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(tree);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace sb::gui
