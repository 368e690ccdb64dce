#include "reports/ExportActions.h"

#include "components/registry/SimulationBuilder.h"
#include "design/AtomicFile.h"
#include "emulator/RunControl.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/window/MainWindow.h"
#include "interchange/DrawioExport.h"
#include "interchange/MermaidExport.h"
#include "reports/DiagramRenderer.h"
#include "reports/ReportRun.h"
#include "reports/RunReport.h"
#include "timeline/Explanation.h"
#include "workspace/WorkspaceFile.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTimer>
#include <atomic>

namespace sb::reports {

namespace {

const design::DescriptorCatalog& catalogOf(gui::MainWindow& window) {
    return window.document().catalog();
}

} // namespace

/// A run the window started for an export: the control stops and joins before the
/// observer it reports to goes.
struct ExportActions::PendingRun {
    /// How far the run got, from its snapshots (virtual time over the duration).
    class Fraction final : public emu::RunObserver {
    public:
        void snapshot(emu::SnapshotPtr s) override {
            if (s->duration > 0)
                m_fraction = std::min(1.0, double(s->now) / double(s->duration));
        }
        double fraction() const { return m_fraction; }

    private:
        std::atomic<double> m_fraction{0};
    };
    Fraction observer;
    std::unique_ptr<emu::RunControl> control;
};

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

void ExportActions::runDesign(std::function<void(const emu::RunResult&)> done, int runShare) {
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

    auto progress = std::make_unique<QProgressDialog>(tr("Running the design at full speed…"),
                                                      tr("Cancel"), 0, 100, &m_window);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowTitle(tr("Export"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    progress->setMinimumDuration(700);
    progress->setValue(0);
    m_progress = progress.release();

    const design::Design d = m_window.document().design();
    const emu::RunSettings settings = comp::runSettingsFor(d);
    auto run = std::make_shared<PendingRun>();
    run->control = std::make_unique<emu::RunControl>(
        comp::buildSimulation(d, comp::ComponentRegistry::builtin(), settings.seed), settings,
        &run->observer);
    auto* timer = new QTimer(this);
    timer->setInterval(50);
    connect(timer, &QTimer::timeout, this, [this, timer, run, runShare, done = std::move(done)] {
        if (m_progress->wasCanceled())
            run->control->stop();
        if (run->control->state() != emu::RunState::Finished) {
            m_progress->setValue(int(run->observer.fraction() * runShare));
            return;
        }
        timer->stop();
        timer->deleteLater();
        const std::shared_ptr<const emu::RunResult> result = run->control->result();
        m_window.statusBar()->clearMessage();
        if (m_progress->wasCanceled() || !result || result->stopped) {
            finishProgress();
            m_window.statusBar()->showMessage(tr("Cancelled: nothing was written"), 5000);
            return;
        }
        if (!result->error.empty()) {
            finishProgress();
            QMessageBox::warning(&m_window, tr("The run failed"),
                                 QString::fromStdString(result->error));
            return;
        }
        m_progress->setValue(runShare);
        keepRun(*result);
        done(*result);
        finishProgress();
    });
    run->control->start();
    timer->start();
}

void ExportActions::finishProgress() {
    m_running = false;
    m_menu->setEnabled(true);
    if (m_progress) {
        m_progress->close();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
}

RunReport::Progress ExportActions::reportProgress(int from) {
    if (m_progress)
        m_progress->setLabelText(tr("Writing the report…"));
    return [this, from](double done) {
        if (!m_progress)
            return true;
        m_progress->setValue(from + int(done * (100 - from)));
        return !m_progress->wasCanceled();
    };
}

void ExportActions::keepRun(const emu::RunResult& result, const timeline::Timeline* recorded) {
    const QString path = m_window.document().filePath();
    if (QFileInfo(path).suffix().toLower() != QLatin1String("sbw"))
        return;
    ws::RunRecord record =
        ReportRun::toRecord(result, "seed " + std::to_string(result.settings.seed));
    if (recorded) {
        record.summary["explanation"] =
            timeline::toJson(timeline::explain(*recorded, &m_window.live()->run().design()));
        record.timeline = recorded->encode();
    }
    const auto stored = ws::WorkspaceFile::appendRun(path.toStdString(), record);
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
    runAndReport(path);
}

void ExportActions::runAndReport(const QString& path) {
    constexpr int runShare = 70; // of the progress bar; writing the report takes the rest
    runDesign(
        [this, path](const emu::RunResult& result) {
            RunReport report(m_window.document().design(), catalogOf(m_window));
            report.setDesignFile(m_window.document().filePath().toStdString());
            report.addRun(ReportRun::fromResult(result, "run"));
            report.setProgress(reportProgress(runShare));
            const std::string error = report.write(path.toStdString());
            if (error == RunReport::kCancelled)
                m_window.statusBar()->showMessage(tr("Cancelled: nothing was written"), 5000);
            else if (!error.empty())
                QMessageBox::warning(&m_window, tr("Cannot write the report"),
                                     QString::fromStdString(error));
            else
                m_window.statusBar()->showMessage(tr("Report written to %1").arg(path), 5000);
        },
        runShare);
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
