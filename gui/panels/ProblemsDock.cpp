#include "gui/panels/ProblemsDock.h"

#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QListWidget>
#include <QStyle>

namespace sb::gui {

namespace {
constexpr int kErrorRole = Qt::UserRole + 1;
} // namespace

ProblemsDock::ProblemsDock(DesignDocument& document, DesignScene& scene, QWidget* parent)
    : QDockWidget(tr("Problems"), parent)
    , m_document(document)
    , m_scene(scene)
    , m_list(new QListWidget) {
    setObjectName(QStringLiteral("problemsDock"));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    setWidget(m_list);
    connect(&document, &DesignDocument::problemsChanged, this, &ProblemsDock::refresh);
    connect(m_list, &QListWidget::itemActivated, this, &ProblemsDock::choose);
    refresh();
}

void ProblemsDock::choose(QListWidgetItem* item) {
    const QString node = item->data(Qt::UserRole).toString();
    if (node.isEmpty())
        return;
    m_scene.selectNodes({design::NodeId{node.toStdString()}});
    Q_EMIT nodeChosen(node);
}

void ProblemsDock::showFirstError() {
    show();
    raise();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        if (item->data(kErrorRole).toBool()) {
            m_list->setCurrentItem(item);
            m_list->scrollToItem(item);
            choose(item);
            return;
        }
    }
}

void ProblemsDock::refresh() {
    m_list->clear();
    const QIcon error = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const auto& p : m_document.problems()) {
        auto* item = new QListWidgetItem(p.isError() ? error : warning,
                                         QString::fromStdString(p.message), m_list);
        std::string node = p.node;
        if (node.empty() && !p.link.empty())
            node = p.link.substr(0, p.link.find("->"));
        item->setData(Qt::UserRole, QString::fromStdString(node));
        item->setData(kErrorRole, p.isError());
    }
    const int count = m_list->count();
    setWindowTitle(count == 0 ? tr("Problems") : tr("Problems (%1)").arg(count));
    if (count == 0) {
        auto* item = new QListWidgetItem(tr("No problems: the design is ready to run."), m_list);
        item->setFlags(Qt::NoItemFlags);
    }
}

} // namespace sb::gui
