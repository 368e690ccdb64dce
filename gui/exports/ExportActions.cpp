#include "gui/exports/ExportActions.h"

#include "components/registry/SimulationBuilder.h"
#include "design/AtomicFile.h"
#include "emulator/RunControl.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/replay/RunAnimation.h"
#include "gui/window/DesignFiles.h"
#include "gui/window/MainWindow.h"
#include "interchange/DrawioExport.h"
#include "interchange/MermaidExport.h"
#include "reports/DiagramRenderer.h"
#include "reports/ReportRun.h"
#include "reports/RunReport.h"
#include "timeline/Explanation.h"
#include "timeline/TimelineRecorder.h"
#include "workspace/WorkspaceFile.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTimer>
#include <atomic>

namespace sb::gui {

namespace {

const design::DescriptorCatalog& catalogOf(MainWindow& window) {
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
    design::Design design;               ///< what runs
    timeline::TimelineRecorder recorder; ///< watched when the export needs the timeline
    std::unique_ptr<emu::RunControl> control;
};

ExportActions::ExportActions(MainWindow& window)
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
    addAction(QStringLiteral("actionExportAnimation"), tr("Run &animation (WebM, MP4, GIF)…"),
              [this] { animationWithDialog(); });
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
    return reports::DiagramRenderer(d, catalogOf(m_window)).write(format, path, scale);
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
    startRun(
        [done = std::move(done)](const emu::RunResult& r, const timeline::Timeline*) { done(r); },
        runShare, false);
}

void ExportActions::runAndRecord(
    std::function<void(const emu::RunResult&, const timeline::Timeline&)> done, int runShare) {
    startRun([done = std::move(done)](const emu::RunResult& r,
                                      const timeline::Timeline* t) { done(r, *t); },
             runShare, true);
}

void ExportActions::openProgress(const QString& label) {
    m_running = true;
    m_menu->setEnabled(false);
    auto progress = std::make_unique<QProgressDialog>(label, tr("Cancel"), 0, 100, &m_window);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowTitle(tr("Export"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    progress->setMinimumDuration(700);
    progress->setValue(0);
    m_progress = progress.release();
}

void ExportActions::startRun(
    std::function<void(const emu::RunResult&, const timeline::Timeline*)> done, int runShare,
    bool record) {
    if (m_running)
        return;
    if (design::hasErrors(m_window.document().problems())) {
        QMessageBox::warning(&m_window, tr("Cannot run"),
                             tr("The design has errors; the Problems panel lists them."));
        return;
    }
    m_window.statusBar()->showMessage(tr("Running the design at full speed…"));
    openProgress(tr("Running the design at full speed…"));

    auto run = std::make_shared<PendingRun>();
    run->design = m_window.document().design();
    const design::Design& d = run->design;
    const emu::RunSettings settings = comp::runSettingsFor(d);
    run->control = std::make_unique<emu::RunControl>(
        comp::buildSimulation(d, comp::ComponentRegistry::builtin(), settings.seed), settings,
        &run->observer);
    if (record)
        run->control->watch(&run->recorder);
    auto* timer = new QTimer(this);
    timer->setInterval(50);
    connect(timer, &QTimer::timeout, this,
            [this, timer, run, runShare, record, done = std::move(done)] {
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
                timeline::Timeline recorded;
                if (record) {
                    run->recorder.complete(*result);
                    recorded = run->recorder.timeline();
                }
                keepRun(*result, record ? &recorded : nullptr, &run->design);
                done(*result, record ? &recorded : nullptr);
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

reports::RunReport::Progress ExportActions::reportProgress(int from) {
    if (m_progress)
        m_progress->setLabelText(tr("Writing the report…"));
    return [this, from](double done) {
        if (!m_progress)
            return true;
        m_progress->setValue(from + int(done * (100 - from)));
        return !m_progress->wasCanceled();
    };
}

void ExportActions::keepRun(const emu::RunResult& result, const timeline::Timeline* recorded,
                            const design::Design* ran) {
    const QString path = m_window.document().filePath();
    if (!DesignFiles::isWorkspaceFile(path))
        return;
    ws::RunRecord record =
        reports::ReportRun::toRecord(result, "seed " + std::to_string(result.settings.seed));
    if (recorded) {
        record.summary["explanation"] = timeline::toJson(
            timeline::explain(*recorded, ran ? ran : &m_window.live()->run().design()));
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
    runAndRecord(
        [this, path](const emu::RunResult& result, const timeline::Timeline& recorded) {
            const design::Design& d = m_window.document().design();
            reports::RunReport report(d, catalogOf(m_window));
            report.setDesignFile(m_window.document().filePath().toStdString());
            report.addRun(
                reports::ReportRun::fromResult(result, "run", timeline::explain(recorded, &d)));
            report.setProgress(reportProgress(runShare));
            const std::string error = report.write(path.toStdString());
            if (error == reports::RunReport::kCancelled)
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

const timeline::TimelineRecorder* ExportActions::liveRecording() const {
    if (!m_window.live())
        return nullptr;
    const timeline::TimelineRecorder* recorder = m_window.live()->run().recorder();
    return recorder && recorder->samples() > 1 ? recorder : nullptr;
}

double ExportActions::animationRunSeconds() const {
    if (const timeline::TimelineRecorder* recorder = liveRecording())
        return RunAnimation::runSeconds(recorder->timeline());
    return comp::runSettingsFor(m_window.document().design()).durationSeconds;
}

void ExportActions::animationWithDialog() {
    QString path = QFileDialog::getSaveFileName(
        &m_window, tr("Export the run's animation"), {},
        tr("WebM video (*.webm);;MP4 video (*.mp4);;GIF animation (*.gif)"));
    if (path.isEmpty())
        return;
    if (!video::formatNamed(QFileInfo(path).suffix().toLower().toStdString()))
        path += QStringLiteral(".webm");
    if (const std::optional<timeline::Clip> clip =
            askClip(QFileInfo(path).suffix().toLower() == QLatin1String("gif")))
        exportAnimation(path, *clip);
}

std::optional<timeline::Clip> ExportActions::askClip(bool gif) {
    const double seconds = animationRunSeconds();
    QDialog dialog(&m_window);
    dialog.setObjectName(QStringLiteral("animationDialog"));
    dialog.setWindowTitle(tr("Run animation"));
    auto* form = new QFormLayout(&dialog);
    const auto spin = [&dialog](const QString& name, double min, double max, double value,
                                const QString& suffix) {
        auto* box = new QDoubleSpinBox(&dialog);
        box->setObjectName(name);
        box->setRange(min, max);
        box->setDecimals(1);
        box->setValue(value);
        box->setSuffix(suffix);
        return box;
    };
    QDoubleSpinBox* from = spin(QStringLiteral("animationFrom"), 0, seconds, 0, tr(" s"));
    QDoubleSpinBox* to = spin(QStringLiteral("animationTo"), 0, seconds, seconds, tr(" s"));
    QDoubleSpinBox* speed = spin(QStringLiteral("animationSpeed"), timeline::Clip::kMinSpeed,
                                 timeline::Clip::kMaxSpeed, 1, tr("×"));
    form->addRow(liveRecording() ? tr("The last run, from") : tr("A new run, from"), from);
    form->addRow(tr("to"), to);
    form->addRow(tr("Virtual seconds a second of video"), speed);
    auto* problem = new QLabel(&dialog);
    problem->setObjectName(QStringLiteral("animationProblem"));
    problem->setWordWrap(true);
    form->addRow(problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    timeline::Clip clip;
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        clip.from = from->value();
        clip.to = to->value();
        clip.speed = speed->value();
        clip.fps = gif ? timeline::Clip::kGifFps : timeline::Clip::kVideoFps;
        const std::string why = clip.problem(seconds);
        problem->setText(QString::fromStdString(why));
        if (why.empty())
            dialog.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return clip;
}

void ExportActions::exportAnimation(const QString& path, const timeline::Clip& clip, double scale) {
    if (m_running)
        return;
    if (const timeline::TimelineRecorder* recorder = liveRecording()) {
        openProgress(tr("Drawing the run's animation…"));
        writeAnimation(m_window.live()->run().design(), recorder->timeline(), path, clip, scale, 0);
        finishProgress();
        return;
    }
    constexpr int runShare = 30; // of the progress bar; drawing and encoding take the rest
    runAndRecord(
        [this, path, clip, scale](const emu::RunResult&, const timeline::Timeline& recorded) {
            writeAnimation(m_window.document().design(), recorded, path, clip, scale, runShare);
        },
        runShare);
}

void ExportActions::writeAnimation(const design::Design& design, const timeline::Timeline& recorded,
                                   const QString& path, const timeline::Clip& clip, double scale,
                                   int from) {
    const std::optional<video::Format> format =
        video::formatNamed(QFileInfo(path).suffix().toLower().toStdString());
    if (m_progress)
        m_progress->setLabelText(tr("Drawing the run's animation…"));
    const std::string error = writeRunVideo(
        design, catalogOf(m_window), recorded, clip, format.value_or(video::Format::Webm), scale,
        path.toStdString(), [this, from](double done) {
            if (!m_progress)
                return true;
            m_progress->setValue(from + int(done * (100 - from)));
            return !m_progress->wasCanceled();
        });
    if (error == reports::RunReport::kCancelled)
        m_window.statusBar()->showMessage(tr("Cancelled: nothing was written"), 5000);
    else if (!error.empty())
        QMessageBox::warning(&m_window, tr("Cannot write the animation"),
                             QString::fromStdString(error));
    else
        m_window.statusBar()->showMessage(tr("Animation written to %1").arg(path), 5000);
}

} // namespace sb::gui
