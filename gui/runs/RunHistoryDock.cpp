#include "gui/runs/RunHistoryDock.h"

#include "gui/document/DesignDocument.h"
#include "gui/window/DesignFiles.h"
#include "reports/ReportRun.h"
#include "reports/RunReport.h"
#include "reports/RunSummary.h"
#include "workspace/WorkspaceFile.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb::gui {

RunHistoryDock::RunHistoryDock(DesignDocument& document, QWidget* parent)
    : QDockWidget(tr("Run history"), parent)
    , m_document(document)
    , m_status(new QLabel)
    , m_tree(new QTreeWidget)
    , m_report(new QPushButton(tr("Report…")))
    , m_replay(new QPushButton(tr("Replay"))) {
    setObjectName(QStringLiteral("runHistoryDock"));
    m_status->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("runHistory"));
    m_tree->setHeaderLabels({tr("Run"), tr("Seed"), tr("Duration (s)"), tr("Requests"),
                             tr("p99 (ms)"), tr("Errors (%)")});
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* refreshButton = new QPushButton(tr("Refresh"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(refreshButton);
    buttons->addStretch(1);
    m_replay->setObjectName(QStringLiteral("replayStoredRun"));
    m_replay->setToolTip(tr("Scrub the selected run in the Replay dock"));
    buttons->addWidget(m_replay);
    buttons->addWidget(m_report);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
    setWidget(body);

    connect(refreshButton, &QPushButton::clicked, this, &RunHistoryDock::refresh);
    connect(m_report, &QPushButton::clicked, this, &RunHistoryDock::reportWithDialog);
    connect(m_replay, &QPushButton::clicked, this, [this] {
        if (const std::string why = replaySelected(); !why.empty())
            m_status->setText(QString::fromStdString(why));
    });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &RunHistoryDock::updateButtons);
    connect(&m_document, &DesignDocument::filePathChanged, this, &RunHistoryDock::refresh);
    refresh();
}

void RunHistoryDock::refresh() {
    m_tree->clear();
    m_runs.clear();
    const QString path = m_document.filePath();
    if (!DesignFiles::isWorkspaceFile(path)) {
        m_status->setText(tr("Runs are kept in workspace files (.sbw): save the design as one, "
                             "then use File > Export > Run report."));
        updateButtons();
        return;
    }
    const ws::OpenResult opened = ws::WorkspaceFile::open(path.toStdString(), m_document.catalog());
    if (!opened.ok()) {
        m_status->setText(QString::fromStdString(opened.error));
        updateButtons();
        return;
    }
    m_runs = opened.workspace->runs;
    m_status->setText(m_runs.empty()
                          ? tr("No runs stored yet.")
                          : tr("Select one run for its report, or two to compare them."));
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const ws::RunRecord& r = m_runs[i];
        const reports::RunSummary s = reports::RunSummary::read(r.summary);
        auto text = [](const reports::RunSummary::Number& v, int decimals) {
            return v ? QString::number(*v, 'f', decimals) : QStringLiteral("–");
        };
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, QString::fromStdString(r.label.empty() ? r.startedAt
                                                                : r.label + " — " + r.startedAt));
        item->setText(1, QString::number(r.settings.value("seed", std::uint64_t{0})));
        item->setText(2, QString::number(r.settings.value("duration_s", 0.0)));
        item->setText(3, text(s.total, 0));
        item->setText(4, text(s.p99Ms, 1));
        const reports::RunSummary::Number errors = s.errorRate();
        item->setText(5,
                      text(errors ? reports::RunSummary::Number(100 * *errors) : std::nullopt, 2));
        item->setData(0, Qt::UserRole, int(i));
    }
    updateButtons();
}

void RunHistoryDock::updateButtons() {
    const int selected = int(m_tree->selectedItems().size());
    m_report->setEnabled(selected == 1 || selected == 2);
    m_report->setText(selected == 2 ? tr("Compare…") : tr("Report…"));
    const auto items = m_tree->selectedItems();
    m_replay->setEnabled(
        items.size() == 1 &&
        !m_runs[std::size_t(items.front()->data(0, Qt::UserRole).toInt())].timeline.empty());
}

std::string RunHistoryDock::replaySelected() {
    const auto items = m_tree->selectedItems();
    if (items.size() != 1)
        return "select one run to replay";
    const ws::RunRecord& run = m_runs[std::size_t(items.front()->data(0, Qt::UserRole).toInt())];
    if (run.timeline.empty())
        return "this run kept no timeline to replay (runs from the Run button keep theirs)";
    std::shared_ptr<const timeline::Timeline> recorded;
    try {
        recorded =
            std::make_shared<const timeline::Timeline>(timeline::Timeline::decode(run.timeline));
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    Q_EMIT replayRequested(std::move(recorded), items.front()->text(0));
    return {};
}

std::string RunHistoryDock::writeReport(const std::string& path,
                                        reports::RunReport::Progress progress) const {
    const auto selected = m_tree->selectedItems();
    if (selected.isEmpty() || selected.size() > 2)
        return "select one run, or two to compare";
    std::vector<int> rows;
    for (const QTreeWidgetItem* item : selected)
        rows.push_back(item->data(0, Qt::UserRole).toInt());
    std::sort(rows.begin(), rows.end());
    reports::RunReport report(m_document.design(), m_document.catalog());
    report.setDesignFile(m_document.filePath().toStdString());
    for (int row : rows)
        report.addRun(reports::ReportRun::fromRecord(m_runs[std::size_t(row)]));
    report.setProgress(std::move(progress));
    return report.write(path);
}

void RunHistoryDock::reportWithDialog() {
    QString path = QFileDialog::getSaveFileName(this, tr("Write the report"), {},
                                                tr("HTML report (*.html);;PDF report (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".html");
    QProgressDialog dialog(tr("Writing the report…"), tr("Cancel"), 0, 100, this);
    dialog.setObjectName(QStringLiteral("reportProgress"));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(700);
    const std::string error = writeReport(path.toStdString(), [&dialog](double done) {
        dialog.setValue(int(done * 100));
        return !dialog.wasCanceled();
    });
    if (!error.empty() && error != reports::RunReport::kCancelled)
        QMessageBox::warning(this, tr("Cannot write the report"), QString::fromStdString(error));
}

} // namespace sb::gui
