#include "reports/ExportActions.h"

#include "components/registry/SimulationBuilder.h"
#include "design/AtomicFile.h"
#include "gui/document/DesignDocument.h"
#include "gui/window/MainWindow.h"
#include "interchange/DrawioExport.h"
#include "interchange/MermaidExport.h"
#include "reports/DiagramRenderer.h"
#include "reports/ReportRun.h"
#include "reports/RunReport.h"
#include "workspace/WorkspaceFile.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QThread>

namespace sb::reports {

namespace {

const design::DescriptorCatalog& catalogOf(gui::MainWindow& window) {
    return window.document().catalog();
}

} // namespace

ExportActions::ExportActions(gui::MainWindow& window)
    : QObject(&window)
    , m_window(window)
    , m_menu(new QMenu(tr("E&xport"), &window)) {
    m_menu->setObjectName(QStringLiteral("menuExport"));
    addAction(QStringLiteral("actionExportPng"), tr("Diagram as &PNG…"),
              [this] { exportWithDialog(QStringLiteral("png"), tr("PNG images (*.png)")); });
    addAction(QStringLiteral("actionExportSvg"), tr("Diagram as &SVG…"),
              [this] { exportWithDialog(QStringLiteral("svg"), tr("SVG drawings (*.svg)")); });
    addAction(QStringLiteral("actionExportPdf"), tr("Diagram as P&DF…"),
              [this] { exportWithDialog(QStringLiteral("pdf"), tr("PDF documents (*.pdf)")); });
    m_menu->addSeparator();
    addAction(QStringLiteral("actionExportMermaid"), tr("&Mermaid flowchart…"),
              [this] { exportWithDialog(QStringLiteral("mermaid"), tr("Mermaid (*.mmd *.md)")); });
    addAction(QStringLiteral("actionExportDrawio"), tr("d&raw.io diagram…"),
              [this] { exportWithDialog(QStringLiteral("drawio"), tr("draw.io (*.drawio)")); });
    m_menu->addSeparator();
    addAction(QStringLiteral("actionRunReport"), tr("Run and write a &report (HTML, PDF)…"),
              [this] { reportWithDialog(); });
    addAction(QStringLiteral("actionRunData"), tr("Run and export its &data (CSV, JSON)…"),
              [this] { dataWithDialog(); });
}

ExportActions::~ExportActions() = default;

QAction* ExportActions::addAction(const QString& name, const QString& text,
                                  std::function<void()> slot) {
    QAction* action = m_menu->addAction(text);
    action->setObjectName(name);
    connect(action, &QAction::triggered, this, std::move(slot));
    return action;
}

std::string ExportActions::exportDesign(const std::string& format, const std::string& path,
                                        double scale) const {
    const design::Design& d = m_window.document().design();
    if (format == "mermaid")
        return design::writeFileAtomically(path, interchange::toMermaid(d, catalogOf(m_window)));
    if (format == "drawio")
        return design::writeFileAtomically(path, interchange::toDrawio(d, catalogOf(m_window)));
    return DiagramRenderer(d, catalogOf(m_window)).write(format, path, scale);
}

void ExportActions::exportWithDialog(const QString& format, const QString& filter) {
    QString path = QFileDialog::getSaveFileName(&m_window, tr("Export"), {}, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') +
                (format == QLatin1String("mermaid") ? QStringLiteral("mmd") : format);
    const std::string error = exportDesign(format.toStdString(), path.toStdString());
    if (!error.empty())
        QMessageBox::warning(&m_window, tr("Cannot export"), QString::fromStdString(error));
    else
        m_window.statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void ExportActions::runDesign(std::function<void(const emu::RunResult&)> done) {
    if (m_running)
        return;
    if (design::hasErrors(m_window.document().problems())) {
        QMessageBox::warning(&m_window, tr("Cannot run"),
                             tr("The design has errors; the Problems panel lists them."));
        return;
    }
    m_running = true;
    m_menu->setEnabled(false);
    m_window.statusBar()->showMessage(tr("Running the design at full speed…"));
    auto design = std::make_shared<design::Design>(m_window.document().design());
    auto result = std::make_shared<emu::RunResult>();
    QThread* worker = QThread::create(
        [design, result] { *result = comp::runDesign(*design, comp::runSettingsFor(*design)); });
    QPointer<ExportActions> self(this);
    connect(worker, &QThread::finished, this, [this, self, worker, result, done = std::move(done)] {
        worker->deleteLater();
        if (!self)
            return;
        m_running = false;
        m_menu->setEnabled(true);
        m_window.statusBar()->clearMessage();
        keepRun(*result);
        done(*result);
    });
    worker->start();
}

void ExportActions::keepRun(const emu::RunResult& result) {
    const QString path = m_window.document().filePath();
    if (QFileInfo(path).suffix().toLower() != QLatin1String("sbw"))
        return;
    const auto stored = ws::WorkspaceFile::appendRun(
        path.toStdString(),
        ReportRun::toRecord(result, "seed " + std::to_string(result.settings.seed)));
    if (stored.ok())
        Q_EMIT runStored();
    else
        m_window.statusBar()->showMessage(tr("The run was not added to the workspace's history: %1")
                                              .arg(QString::fromStdString(stored.error)),
                                          10000);
}

void ExportActions::reportWithDialog() {
    QString path = QFileDialog::getSaveFileName(&m_window, tr("Write a run report"), {},
                                                tr("HTML report (*.html);;PDF report (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".html");
    runDesign([this, path](const emu::RunResult& result) {
        RunReport report(m_window.document().design(), catalogOf(m_window));
        report.setDesignFileName(
            QFileInfo(m_window.document().filePath()).fileName().toStdString());
        report.addRun(ReportRun::fromResult(result, "run"));
        if (const std::string error = report.write(path.toStdString()); !error.empty())
            QMessageBox::warning(&m_window, tr("Cannot write the report"),
                                 QString::fromStdString(error));
        else
            m_window.statusBar()->showMessage(tr("Report written to %1").arg(path), 5000);
    });
}

void ExportActions::dataWithDialog() {
    QString path = QFileDialog::getSaveFileName(&m_window, tr("Export the run's data"), {},
                                                tr("Series as CSV (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    runDesign([this, path](const emu::RunResult& result) {
        const QString json = QFileInfo(path).path() + QLatin1Char('/') +
                             QFileInfo(path).completeBaseName() + QStringLiteral(".json");
        std::string error = design::writeFileAtomically(path.toStdString(), result.series.toCsv());
        if (error.empty())
            error =
                design::writeFileAtomically(json.toStdString(), emu::toJson(result).dump(2) + "\n");
        if (!error.empty())
            QMessageBox::warning(&m_window, tr("Cannot export the data"),
                                 QString::fromStdString(error));
        else
            m_window.statusBar()->showMessage(tr("Wrote %1 and %2").arg(path, json), 5000);
    });
}

} // namespace sb::reports
