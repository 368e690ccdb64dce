#include "gui/panels/PaletteDock.h"

#include "gui/canvas/DesignView.h"
#include "render/KindIcons.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <map>

namespace sb::gui {

namespace {

constexpr int kKindRole = Qt::UserRole + 1;
constexpr int kSearchRole = Qt::UserRole + 2;

/// The kinds list: drags carry the kind's name.
class KindTree final : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override {
        return {QString::fromLatin1(DesignView::kKindMimeType)};
    }
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
        if (items.isEmpty() || items.front()->data(0, kKindRole).toString().isEmpty())
            return nullptr;
        auto* mime = new QMimeData;
        mime->setData(QString::fromLatin1(DesignView::kKindMimeType),
                      items.front()->data(0, kKindRole).toString().toUtf8());
        return mime;
    }
};

int categoryOrder(const std::string& category) {
    static const std::vector<std::string> order{"Edge", "Compute", "Data", "Async", "Ops"};
    for (size_t i = 0; i < order.size(); ++i)
        if (order[i] == category)
            return int(i);
    return int(order.size());
}

} // namespace

PaletteDock::PaletteDock(const design::DescriptorCatalog& catalog, QWidget* parent)
    : QDockWidget(tr("Components"), parent)
    , m_search(new QLineEdit)
    , m_tree(new KindTree) {
    setObjectName(QStringLiteral("paletteDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setPlaceholderText(tr("Search components…"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_tree->setObjectName(QStringLiteral("paletteTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setIconSize(QSize(28, 28));
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(4);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setUniformRowHeights(false);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setExpandsOnDoubleClick(false);
    layout->addWidget(m_tree);
    setWidget(body);
    populate(catalog);

    connect(m_search, &QLineEdit::textChanged, this, &PaletteDock::filter);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString kind = item->data(0, kKindRole).toString();
        if (!kind.isEmpty())
            Q_EMIT kindActivated(kind);
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        // Enter in the search box places the first match.
        for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
            QTreeWidgetItem* category = m_tree->topLevelItem(c);
            for (int i = 0; i < category->childCount(); ++i)
                if (!category->child(i)->isHidden()) {
                    Q_EMIT kindActivated(category->child(i)->data(0, kKindRole).toString());
                    return;
                }
        }
    });
}

void PaletteDock::populate(const design::DescriptorCatalog& catalog) {
    std::map<std::pair<int, std::string>, std::vector<const design::ComponentDescriptor*>> groups;
    for (const auto* d : catalog.all())
        groups[{categoryOrder(d->category), d->category}].push_back(d);
    QFont categoryFont = m_tree->font();
    categoryFont.setWeight(QFont::DemiBold);
    categoryFont.setPointSizeF(categoryFont.pointSizeF() * 0.9);
    for (const auto& [key, descriptors] : groups) {
        auto* category = new QTreeWidgetItem(m_tree);
        category->setText(0, QString::fromStdString(key.second).toUpper());
        category->setFont(0, categoryFont);
        category->setFlags(Qt::ItemIsEnabled);
        category->setForeground(0, m_tree->palette().color(QPalette::PlaceholderText));
        for (const auto* d : descriptors) {
            auto* item = new QTreeWidgetItem(category);
            item->setText(0, QString::fromStdString(d->displayName));
            item->setIcon(0, render::KindIcons::icon(d->iconName));
            item->setToolTip(0, QStringLiteral("<b>%1</b> <code>%2</code><br>%3")
                                    .arg(QString::fromStdString(d->displayName),
                                         QString::fromStdString(d->kind),
                                         QString::fromStdString(d->summary).toHtmlEscaped()));
            item->setData(0, kKindRole, QString::fromStdString(d->kind));
            item->setData(0, kSearchRole,
                          QString::fromStdString(d->displayName + " " + d->kind + " " + d->summary +
                                                 " " + d->category)
                              .toLower());
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
    }
    m_tree->expandAll();
}

void PaletteDock::filter(const QString& text) {
    const QString needle = text.trimmed().toLower();
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem* category = m_tree->topLevelItem(c);
        bool any = false;
        for (int i = 0; i < category->childCount(); ++i) {
            QTreeWidgetItem* item = category->child(i);
            const bool match =
                needle.isEmpty() || item->data(0, kSearchRole).toString().contains(needle);
            item->setHidden(!match);
            any = any || match;
        }
        category->setHidden(!any);
    }
}

} // namespace sb::gui
