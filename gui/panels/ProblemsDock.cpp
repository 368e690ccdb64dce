#include "gui/panels/ProblemsDock.h"

#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"

#include <QListWidget>
#include <QStyle>

namespace sb::gui {

ProblemsDock::ProblemsDock(DesignDocument& document, DesignScene& scene, QWidget* parent)
    : QDockWidget(tr("Problems"), parent)
    , m_document(document)
    , m_list(new QListWidget) {
    setObjectName(QStringLiteral("problemsDock"));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    setWidget(m_list);
    connect(&document, &DesignDocument::problemsChanged, this, &ProblemsDock::refresh);
    connect(m_list, &QListWidget::itemActivated, this, [this, &scene](QListWidgetItem* item) {
        const QString node = item->data(Qt::UserRole).toString();
        if (node.isEmpty())
            return;
        scene.selectNodes({design::NodeId{node.toStdString()}});
        Q_EMIT nodeChosen(node);
    });
    refresh();
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
    }
    const int count = m_list->count();
    setWindowTitle(count == 0 ? tr("Problems") : tr("Problems (%1)").arg(count));
    if (count == 0) {
        auto* item = new QListWidgetItem(tr("No problems: the design is ready to run."), m_list);
        item->setFlags(Qt::NoItemFlags);
    }
}

} // namespace sb::gui
