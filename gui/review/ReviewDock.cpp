#include "gui/review/ReviewDock.h"

#include "design/Problem.h"
#include "gui/document/DesignDocument.h"
#include "review/DesignReview.h"

#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb::gui {

namespace {

QIcon severityIcon(const QStyle* style, review::Severity severity) {
    switch (severity) {
    case review::Severity::Critical:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case review::Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case review::Severity::Advice:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return {};
}

} // namespace

ReviewDock::ReviewDock(DesignDocument& document, QWidget* parent)
    : QDockWidget(tr("Design review"), parent)
    , m_document(document)
    , m_status(new QLabel)
    , m_tree(new QTreeWidget)
    , m_delay(new QTimer(this)) {
    setObjectName(QStringLiteral("reviewDock"));
    m_status->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("reviewFindings"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Finding"), tr("Fixed in")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->setWordWrap(true);
    m_tree->setRootIsDecorated(false);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);
    setWidget(body);

    m_delay->setSingleShot(true);
    m_delay->setInterval(400);
    connect(m_delay, &QTimer::timeout, this, &ReviewDock::refresh);
    connect(&m_document, &DesignDocument::problemsChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item, int) {
        if (const QString node = item->data(0, Qt::UserRole).toString(); !node.isEmpty())
            Q_EMIT nodeChosen(node);
    });
    refresh();
}

void ReviewDock::refresh() {
    m_tree->clear();
    if (design::hasErrors(m_document.problems())) {
        m_status->setText(tr("Fix the design's errors (see Problems) to review it."));
        return;
    }
    const review::Findings findings =
        review::reviewDesign(m_document.design(), m_document.catalog());
    int critical = 0;
    for (const auto& f : findings)
        critical += f.severity == review::Severity::Critical;
    m_status->setText(
        findings.empty()
            ? tr("No findings: the design follows every step of the scaling path.")
            : tr("%n finding(s), %1 single point(s) of failure. Activate a finding "
                 "to show its node; the welcome page opens the template of the step that fixes it.",
                 nullptr, int(findings.size()))
                  .arg(critical));
    for (const auto& f : findings) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setIcon(0, severityIcon(style(), f.severity));
        item->setText(0, QString::fromStdString(f.message));
        item->setToolTip(0, QString::fromStdString(f.message + "\nFix: " + f.fix));
        item->setData(0, Qt::UserRole, QString::fromStdString(f.node));
        if (f.fixStep > 0) {
            item->setText(1, tr("step %1").arg(f.fixStep));
            item->setToolTip(1, QString::fromStdString(f.fix + "\nTemplate: " + f.fixTemplate));
        }
    }
}

} // namespace sb::gui
