#include "gui/practice/ProgressDock.h"

#include "gui/document/DesignDocument.h"
#include "gui/panels/Scrolling.h"
#include "gui/window/DesignFiles.h"
#include "workspace/WorkspaceFile.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb::gui {

namespace {

/// The columns of one attempt, as the problem's row and each attempt's row show them.
QStringList attemptColumns(const QString& first, const QString& attempts, const QString& best,
                           const ws::AttemptRecord& a) {
    QStringList missed;
    for (const std::string& m : practice::missedTargets(a))
        missed << QString::fromStdString(m);
    return {first,
            attempts,
            best,
            ProgressDock::tr("%1, %2%")
                .arg(a.passed ? ProgressDock::tr("passed") : ProgressDock::tr("not yet"))
                .arg(a.score),
            QString::fromStdString(practice::formatDuration(a.timeTakenSeconds)),
            missed.isEmpty() ? QStringLiteral("–") : missed.join(QStringLiteral("; "))};
}

} // namespace

ProgressDock::ProgressDock(DesignDocument& document, QWidget* parent)
    : QDockWidget(tr("Practice progress"), parent)
    , m_document(document)
    , m_status(new QLabel)
    , m_tree(new QTreeWidget) {
    setObjectName(QStringLiteral("progressDock"));
    m_status->setObjectName(QStringLiteral("progressStatus"));
    m_status->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("progressView"));
    m_tree->setHeaderLabels({tr("Problem"), tr("Attempts"), tr("Best"), tr("Last result"),
                             tr("Time taken"), tr("Targets missed")});
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->setMinimumHeight(160);
    auto* refreshButton = new QPushButton(tr("Refresh"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(refreshButton);
    buttons->addStretch(1);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
    setWidget(scrolling(body));

    connect(refreshButton, &QPushButton::clicked, this, &ProgressDock::refresh);
    connect(&m_document, &DesignDocument::filePathChanged, this, &ProgressDock::refresh);
    refresh();
}

void ProgressDock::refresh() {
    m_tree->clear();
    m_progress.clear();
    const QString path = m_document.filePath();
    if (!DesignFiles::isWorkspaceFile(path) || !QFileInfo::exists(path)) {
        m_status->setText(tr("Practice attempts are kept in workspace files (.sbw): save the "
                             "design as one, then Evaluate in the Practice dock."));
        return;
    }
    const ws::OpenResult opened = ws::WorkspaceFile::open(path.toStdString(), m_document.catalog());
    if (!opened.ok()) {
        m_status->setText(QString::fromStdString(opened.error));
        return;
    }
    m_progress = practice::progressByProblem(opened.workspace->attempts);
    const std::size_t attempts = opened.workspace->attempts.size();
    QString status =
        attempts == 0 ? tr("No attempts recorded yet: Evaluate in the Practice dock "
                           "keeps each one here.")
                      : tr("%1 at %2; the newest last.")
                            .arg(attempts == 1 ? tr("1 attempt") : tr("%1 attempts").arg(attempts),
                                 m_progress.size() == 1 ? tr("1 problem")
                                                        : tr("%1 problems").arg(m_progress.size()));
    for (const std::string& damage : opened.workspace->damage)
        if (damage.rfind("attempt ", 0) == 0)
            status += QLatin1Char(' ') + QString::fromStdString(damage) + QLatin1Char('.');
    m_status->setText(status);
    for (const practice::ProblemProgress& p : m_progress) {
        auto* row = new QTreeWidgetItem(
            m_tree, attemptColumns(QString::fromStdString(p.title), QString::number(p.attempts),
                                   QStringLiteral("%1%").arg(p.bestScore), p.last));
        row->setData(0, Qt::UserRole, QString::fromStdString(p.problem));
        row->setToolTip(0,
                        tr("%1: %2 in all, passed %3")
                            .arg(QString::fromStdString(p.problem),
                                 QString::fromStdString(practice::formatDuration(p.totalSeconds)),
                                 p.everPassed ? tr("at least once") : tr("not yet")));
        for (const ws::AttemptRecord& a : p.history) {
            auto* item =
                new QTreeWidgetItem(row, attemptColumns(QString::fromStdString(a.recordedAt), {},
                                                        QStringLiteral("%1%").arg(a.score), a));
            item->setToolTip(0,
                             tr("Design '%1', hints used: %2")
                                 .arg(QString::fromStdString(a.design.value("name", std::string())))
                                 .arg(a.hintsUsed));
        }
    }
}

} // namespace sb::gui
