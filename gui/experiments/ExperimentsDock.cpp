#include "gui/experiments/ExperimentsDock.h"

#include "components/registry/SimulationBuilder.h"
#include "design/PropertySpec.h"
#include "experiments/ExperimentFile.h"
#include "gui/canvas/DesignScene.h"
#include "gui/document/DesignDocument.h"
#include "gui/panels/PropertyForm.h"
#include "gui/panels/Scrolling.h"
#include "gui/window/DesignFiles.h"
#include "reports/ExperimentChart.h"
#include "reports/ExperimentReport.h"
#include "workspace/WorkspaceFile.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <optional>

namespace sb::gui {

namespace {

/// A few values around `current` for a property of `spec`: half, itself and double for a
/// number (within its range), every choice, both truth values.
QString valuesAround(const design::PropertySpec& spec, const nlohmann::json& current) {
    using design::PropertyType;
    if (spec.type == PropertyType::Boolean)
        return QStringLiteral("false,true");
    if (spec.type == PropertyType::Choice) {
        QStringList choices;
        for (const std::string& c : spec.choices)
            choices << QString::fromStdString(c);
        return choices.join(',');
    }
    if (!current.is_number())
        return QString::fromStdString(current.is_string() ? current.get<std::string>() : "");
    const double v = current.get<double>();
    QStringList values;
    for (double x : {v / 2, v, v * 2}) {
        if (spec.type == PropertyType::Integer)
            x = std::round(x);
        if ((spec.min && x < *spec.min) || (spec.max && x > *spec.max))
            continue;
        const QString text = QString::fromStdString(design::formatNumber(x));
        if (!values.contains(text))
            values << text;
    }
    return values.join(',');
}

QString valueText(const nlohmann::json& v) {
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
}

} // namespace

ExperimentsDock::ExperimentsDock(DesignDocument& document, DesignScene& scene,
                                 PropertyForm& inspectorForm, QWidget* parent)
    : QDockWidget(tr("Experiments"), parent)
    , m_document(document)
    , m_scene(scene)
    , m_form(inspectorForm) {
    setObjectName(QStringLiteral("experimentsDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);

    m_factors = new QTableWidget(0, 2, body);
    m_factors->setObjectName(QStringLiteral("experimentFactors"));
    m_factors->setHorizontalHeaderLabels({tr("Vary"), tr("Values (V1,V2 or A:B:STEP)")});
    m_factors->horizontalHeader()->setStretchLastSection(true);
    m_factors->verticalHeader()->hide();
    m_factors->setToolTip(tr("Right-click a property in the inspector to vary it"));
    m_factors->setMaximumHeight(120);
    auto* removeFactor = new QPushButton(tr("Remove factor"), body);
    connect(removeFactor, &QPushButton::clicked, this, [this] {
        if (m_factors->currentRow() >= 0)
            m_factors->removeRow(m_factors->currentRow());
    });

    auto* form = new QFormLayout;
    m_replications = new QSpinBox(body);
    m_replications->setRange(2, 1000);
    m_replications->setValue(5);
    m_duration = new QDoubleSpinBox(body);
    m_duration->setRange(0, 86400);
    m_duration->setDecimals(1);
    m_duration->setSuffix(tr(" s"));
    m_duration->setSpecialValueText(tr("as the design"));
    m_jobs = new QSpinBox(body);
    m_jobs->setRange(1, 1024);
    m_jobs->setValue(std::max(1, QThread::idealThreadCount()));
    m_targets = new QLineEdit(body);
    m_targets->setPlaceholderText(QStringLiteral("p99_ms<200,error_rate<0.01"));
    form->addRow(tr("Replications"), m_replications);
    form->addRow(tr("Duration"), m_duration);
    form->addRow(tr("Runs at once"), m_jobs);
    form->addRow(tr("Targets"), m_targets);

    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run experiment"), body);
    m_cancel = new QPushButton(tr("Cancel"), body);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(body);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_report = new QPushButton(tr("Report..."), body);
    m_report->setObjectName(QStringLiteral("experimentReport"));
    m_report->setToolTip(tr("Write the experiment shown (just run, or kept in the workspace) "
                            "as an HTML or PDF report: its plan, the table with 95% "
                            "intervals and target verdicts, and a chart per metric"));
    m_report->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_report);
    buttons->addWidget(m_progress, 1);
    connect(m_run, &QPushButton::clicked, this, [this] { run(); });
    connect(m_report, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Experiment report"), QString(),
                                         tr("HTML report (*.html);;PDF report (*.pdf)"));
        if (!path.isEmpty())
            writeReport(path);
    });
    connect(m_cancel, &QPushButton::clicked, this, &ExperimentsDock::cancel);

    m_status = new QLabel(body);
    m_status->setWordWrap(true);
    m_metric = new QComboBox(body);
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { showResults(); });

    m_results = new QTableWidget(body);
    m_results->setObjectName(QStringLiteral("experimentResults"));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->verticalHeader()->hide();
    m_results->setToolTip(tr("Double-click a point to run its first replication again and keep "
                             "it in the run history"));
    connect(m_results, &QTableWidget::cellDoubleClicked, this,
            [this](int row, int) { openRun(row); });
    m_chart = new QChartView(new QChart, body);
    m_chart->setObjectName(QStringLiteral("experimentChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);
    m_keptChoice = new QComboBox(body);
    m_keptChoice->setObjectName(QStringLiteral("keptExperiments"));
    m_keptChoice->setToolTip(tr("The experiments kept in this workspace (.sbw): choose one to "
                                "show its table and chart again"));
    connect(m_keptChoice, &QComboBox::activated, this, [this](int index) { showKept(index); });
    connect(&m_document, &DesignDocument::filePathChanged, this, &ExperimentsDock::refreshKept);
    auto* split = new QSplitter(Qt::Vertical, body);
    split->addWidget(m_results);
    split->addWidget(m_chart);

    layout->addWidget(m_factors);
    layout->addWidget(removeFactor, 0, Qt::AlignLeft);
    layout->addLayout(form);
    layout->addLayout(buttons);
    auto* keptRow = new QHBoxLayout;
    keptRow->addWidget(new QLabel(tr("Kept"), body));
    keptRow->addWidget(m_keptChoice, 1);
    layout->addLayout(keptRow);
    layout->addWidget(m_status);
    auto* metricRow = new QHBoxLayout;
    metricRow->addWidget(new QLabel(tr("Metric"), body));
    metricRow->addWidget(m_metric, 1);
    layout->addLayout(metricRow);
    layout->addWidget(split, 1);
    setWidget(scrolling(body)); // tall: it scrolls rather than stretch the window

    m_form.installEventFilter(this);
    refreshKept();
}

ExperimentsDock::~ExperimentsDock() {
    m_cancelRequested = true;
    join();
}

void ExperimentsDock::join() {
    if (m_worker && m_worker->joinable())
        m_worker->join();
    m_worker.reset();
}

void ExperimentsDock::vary(const std::string& node, const std::string& property) {
    const QString path = QString::fromStdString(node + "." + property);
    const design::Node* n = m_document.design().node(design::NodeId{node});
    const design::ComponentDescriptor* d = n ? m_document.catalog().find(n->kind) : nullptr;
    const design::PropertySpec* spec = d ? d->property(property) : nullptr;
    if (!spec)
        return;
    const nlohmann::json current =
        n->props.contains(property) ? n->props[property] : spec->defaultValue;
    int row = 0;
    while (row < m_factors->rowCount() && m_factors->item(row, 0)->text() != path)
        ++row;
    if (row == m_factors->rowCount()) {
        m_factors->insertRow(row);
        auto* name = new QTableWidgetItem(path);
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        m_factors->setItem(row, 0, name);
    }
    m_factors->setItem(row, 1, new QTableWidgetItem(valuesAround(*spec, current)));
    m_factors->setCurrentCell(row, 1);
    show();
    raise();
}

std::unique_ptr<QMenu> ExperimentsDock::propertyMenu(const QPoint& formPos) {
    const std::vector<design::NodeId> selected = m_scene.selectedNodes();
    if (selected.empty())
        return nullptr;
    // The row under the pointer: the property editor whose row spans that height.
    const QString prefix = QStringLiteral("property:");
    for (QWidget* editor : m_form.findChildren<QWidget*>()) {
        if (!editor->objectName().startsWith(prefix) || !editor->isVisible())
            continue;
        const QRect r(editor->mapTo(&m_form, QPoint(0, 0)), editor->size());
        if (formPos.y() < r.top() || formPos.y() > r.bottom())
            continue;
        const std::string property = editor->objectName().mid(prefix.size()).toStdString();
        if (property.find('.') != std::string::npos)
            return nullptr; // a field of a group: not a parameter of its own
        auto menu = std::make_unique<QMenu>();
        const std::string node = selected.front().value;
        QAction* a = menu->addAction(
            tr("Vary %1 in an experiment").arg(QString::fromStdString(node + "." + property)));
        connect(a, &QAction::triggered, this, [this, node, property] { vary(node, property); });
        return menu;
    }
    return nullptr;
}

bool ExperimentsDock::eventFilter(QObject* watched, QEvent* event) {
    if (watched == &m_form && event->type() == QEvent::ContextMenu) {
        auto* e = static_cast<QContextMenuEvent*>(event);
        if (auto menu = propertyMenu(e->pos())) {
            menu->exec(e->globalPos());
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

bool ExperimentsDock::run() {
    if (running())
        return false;
    experiments::Plan plan;
    plan.design = m_document.design();
    plan.settings = comp::runSettingsFor(plan.design);
    plan.replications = static_cast<std::size_t>(m_replications->value());
    try {
        if (m_duration->value() > 0)
            plan.settings.durationSeconds = m_duration->value();
        if (plan.settings.warmupSeconds >= plan.settings.durationSeconds)
            throw std::invalid_argument("the design's warm-up of " +
                                        design::formatNumber(plan.settings.warmupSeconds) +
                                        " s must be shorter than the duration of " +
                                        design::formatNumber(plan.settings.durationSeconds) + " s");
        for (int row = 0; row < m_factors->rowCount(); ++row)
            plan.parameters.push_back(experiments::parseVary(
                (m_factors->item(row, 0)->text() + "=" + m_factors->item(row, 1)->text())
                    .toStdString()));
        if (!m_targets->text().trimmed().isEmpty())
            plan.targets = experiments::parseTargets(m_targets->text().trimmed().toStdString());
        for (const auto& values : experiments::sweepPoints(plan.parameters))
            experiments::pointDesign(plan, values); // checks every value before anything runs
    } catch (const std::invalid_argument& e) {
        m_status->setText(QString::fromStdString(e.what()));
        return false;
    }
    const std::size_t total = experiments::sweepPoints(plan.parameters).size() * plan.replications;
    m_progress->setRange(0, int(total));
    m_progress->setValue(0);
    m_status->setText(tr("Running %1 runs...").arg(total));
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_cancelRequested = false;
    const unsigned jobs = unsigned(m_jobs->value());
    m_worker = std::make_unique<std::thread>([this, plan, jobs] {
        std::vector<experiments::PointResult> points;
        QString error;
        try {
            points = experiments::run(
                plan, jobs,
                [this](std::size_t done, std::size_t) {
                    QMetaObject::invokeMethod(
                        this, [this, done] { m_progress->setValue(int(done)); },
                        Qt::QueuedConnection);
                },
                &m_cancelRequested);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, plan, points = std::move(points), error]() mutable {
                m_plan = plan;
                onDone(std::move(points), error);
            },
            Qt::QueuedConnection);
    });
    return true;
}

bool ExperimentsDock::openRun(int row) {
    if (running() || row < 0 || std::size_t(row) >= m_points.size())
        return false;
    const experiments::Plan plan = m_plan;
    const auto index = std::size_t(row);
    const std::vector<nlohmann::json> values = m_points[index].values;
    std::string label;
    for (std::size_t i = 0; i < values.size(); ++i)
        label += (i ? " " : "") + plan.parameters[i].path + "=" + values[i].dump();
    const std::uint64_t seed = experiments::runSeed(plan.settings.seed, index, 0);
    const QString name = tr("experiment point %1, replication 1 (seed %2)")
                             .arg(QString::fromStdString(label.empty() ? "(design)" : label))
                             .arg(seed);
    m_status->setText(tr("Running %1...").arg(name));
    m_run->setEnabled(false);
    m_worker = std::make_unique<std::thread>([this, plan, index, values, name] {
        std::optional<emu::RunResult> result;
        QString error;
        try {
            result = experiments::runResult(plan, experiments::pointDesign(plan, values), index, 0);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result), error, name] {
                join();
                m_run->setEnabled(true);
                if (!result) {
                    m_status->setText(error);
                    return;
                }
                m_status->setText(
                    tr("%1: %2 requests, mean %3 ms, p99 %4 ms; kept in the run history when "
                       "the design is a workspace (.sbw)")
                        .arg(name)
                        .arg(result->total)
                        .arg(result->meanMs, 0, 'f', 2)
                        .arg(result->p99Ms, 0, 'f', 2));
                Q_EMIT runReady(*result, name);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void ExperimentsDock::cancel() {
    m_cancelRequested = true;
    m_cancel->setEnabled(false);
    m_status->setText(tr("Cancelling: the runs under way finish first..."));
}

void ExperimentsDock::onDone(std::vector<experiments::PointResult> points, const QString& error) {
    join();
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    if (!error.isEmpty()) {
        m_status->setText(m_cancelRequested ? tr("Cancelled.") : error);
    } else {
        m_points = std::move(points);
        m_status->setText(tr("%1 points, %2 replications each; means with 95% confidence "
                             "intervals (Student t), measured.")
                              .arg(m_points.size())
                              .arg(m_plan.replications));
        showExperiment();
        keep();
    }
    Q_EMIT finished();
}

void ExperimentsDock::showExperiment() {
    const QString chosen = m_metric->currentText();
    {
        const QSignalBlocker block(m_metric);
        m_metric->clear();
        for (const std::string& name : m_plan.metricList())
            m_metric->addItem(QString::fromStdString(name));
        m_metric->setCurrentIndex(
            std::max(0, m_metric->findText(chosen.isEmpty() ? "mean_ms" : chosen)));
    }
    showResults();
}

QString ExperimentsDock::writeReport(const QString& path) {
    const QString design = QFileInfo(m_document.filePath()).fileName();
    const std::string error = reports::writeExperimentReport(
        experiments::toJson(m_plan, m_points),
        design.isEmpty() ? std::string("the open design") : design.toStdString(),
        path.toStdString());
    const QString message =
        error.empty() ? tr("Report written to %1.").arg(QFileInfo(path).fileName())
                      : tr("The report was not written: %1").arg(QString::fromStdString(error));
    m_status->setText(message);
    return error.empty() ? QString() : message;
}

void ExperimentsDock::keep() {
    const QString path = m_document.filePath();
    if (!DesignFiles::isWorkspaceFile(path))
        return;
    ws::ExperimentRecord record;
    record.createdAt = ws::isoTimestampNow();
    std::string factors;
    for (const experiments::Parameter& p : m_plan.parameters)
        factors += (factors.empty() ? "" : ", ") + p.path;
    record.label = std::to_string(m_points.size()) + " points x " +
                   std::to_string(m_plan.replications) + " replications" +
                   (factors.empty() ? "" : ": " + factors);
    record.plan =
        experiments::experimentFileJson(m_plan, QFileInfo(path).fileName().toStdString(), 0);
    record.results = experiments::toJson(m_plan, m_points);
    const ws::AppendResult stored = ws::WorkspaceFile::appendExperiment(path.toStdString(), record);
    if (!stored.ok()) {
        m_status->setText(
            m_status->text() + " " +
            tr("It was not kept in the workspace: %1").arg(QString::fromStdString(stored.error)));
        return;
    }
    m_status->setText(m_status->text() + " " + tr("Kept in the workspace."));
    refreshKept();
    m_keptChoice->setCurrentIndex(m_keptChoice->count() - 1);
}

void ExperimentsDock::refreshKept() {
    m_kept.clear();
    m_keptChoice->clear();
    const QString path = m_document.filePath();
    if (DesignFiles::isWorkspaceFile(path) && QFileInfo::exists(path)) {
        ws::OpenResult opened = ws::WorkspaceFile::open(path.toStdString(), m_document.catalog());
        if (opened.ok())
            m_kept = std::move(opened.workspace->experiments);
    }
    for (const ws::ExperimentRecord& record : m_kept)
        m_keptChoice->addItem(QString::fromStdString(record.createdAt + "  " + record.label));
    m_keptChoice->setEnabled(!m_kept.empty());
    if (m_kept.empty())
        m_keptChoice->setPlaceholderText(tr("none kept (experiments are kept in .sbw workspaces)"));
}

bool ExperimentsDock::showKept(int index) {
    if (running() || index < 0 || std::size_t(index) >= m_kept.size())
        return false;
    const ws::ExperimentRecord& record = m_kept[std::size_t(index)];
    experiments::Plan plan;
    plan.design = m_document.design();
    std::vector<experiments::PointResult> points;
    try {
        const experiments::ExperimentFile file = experiments::readExperimentFile(record.plan);
        plan.parameters = file.parameters;
        plan.replications = file.replications.value_or(plan.replications);
        plan.settings = comp::runSettingsFor(plan.design);
        plan.settings.durationSeconds =
            file.durationSeconds.value_or(plan.settings.durationSeconds);
        plan.settings.warmupSeconds = file.warmupSeconds.value_or(plan.settings.warmupSeconds);
        plan.settings.seed = file.seed.value_or(plan.settings.seed);
        plan.metrics = file.metrics;
        plan.targets = file.targets;
        points = experiments::pointsFromJson(plan, record.results);
    } catch (const std::invalid_argument& e) {
        m_status->setText(
            tr("The kept experiment of %1 cannot be shown: %2")
                .arg(QString::fromStdString(record.createdAt), QString::fromStdString(e.what())));
        return false;
    }
    m_plan = std::move(plan);
    m_points = std::move(points);
    m_status->setText(tr("Kept experiment of %1: %2 points, %3 replications each; means with "
                         "95% confidence intervals (Student t), as measured then.")
                          .arg(QString::fromStdString(record.createdAt))
                          .arg(m_points.size())
                          .arg(m_plan.replications));
    showExperiment();
    return true;
}

void ExperimentsDock::showResults() {
    m_report->setEnabled(!m_points.empty());
    const std::vector<std::string> metrics = m_plan.metricList();
    const int m = m_metric->currentIndex();
    if (m < 0 || std::size_t(m) >= metrics.size())
        return;
    QStringList header;
    for (const experiments::Parameter& p : m_plan.parameters)
        header << QString::fromStdString(p.path);
    header << tr("mean") << tr("95% low") << tr("95% high");
    if (!m_plan.targets.empty())
        header << tr("targets");
    m_results->clear();
    m_results->setColumnCount(int(header.size()));
    m_results->setHorizontalHeaderLabels(header);
    m_results->setRowCount(int(m_points.size()));
    for (std::size_t row = 0; row < m_points.size(); ++row) {
        const experiments::PointResult& point = m_points[row];
        int col = 0;
        for (const nlohmann::json& v : point.values)
            m_results->setItem(int(row), col++, new QTableWidgetItem(valueText(v)));
        const experiments::Interval ci = experiments::interval(point.samples[std::size_t(m)]);
        for (double x : {ci.mean, ci.low(), ci.high()})
            m_results->setItem(int(row), col++, new QTableWidgetItem(QString::number(x, 'g', 6)));
        if (!m_plan.targets.empty()) {
            const nlohmann::json j = experiments::pointJson(m_plan, point);
            QStringList verdicts;
            for (const experiments::Target& t : m_plan.targets)
                verdicts << QString::fromStdString(t.text() + " " +
                                                   j["targets"][t.text()].get<std::string>());
            m_results->setItem(int(row), col++, new QTableWidgetItem(verdicts.join(", ")));
        }
    }
    m_results->resizeColumnsToContents();
    plot();
}

void ExperimentsDock::plot() {
    const int m = m_metric->currentIndex();
    if (m < 0 || m_points.empty())
        return;
    reports::fillExperimentChart(*m_chart->chart(), experiments::toJson(m_plan, m_points),
                                 m_plan.metricList()[std::size_t(m)]);
}

} // namespace sb::gui
