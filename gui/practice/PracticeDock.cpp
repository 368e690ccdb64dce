#include "gui/practice/PracticeDock.h"

#include "design/Problem.h"
#include "design/PropertySpec.h"
#include "gui/document/DesignDocument.h"
#include "gui/panels/Scrolling.h"
#include "gui/practice/EstimateForm.h"
#include "gui/window/DesignFiles.h"
#include "practice/Problem.h"
#include "practice/Progress.h"
#include "reports/SeriesChart.h"
#include "workspace/WorkspaceFile.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>
#include <memory>

namespace sb::gui {

namespace {

QString html(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

QString practiceNumber(double v) {
    return QString::fromStdString(design::formatNumber(v));
}

/// The statement, traffic, faults and targets of a problem as HTML.
QString describe(const practice::Problem& p) {
    const practice::ProblemTraffic& t = p.traffic;
    QString out = QStringLiteral("<h3>%1</h3><p><i>%2</i></p><p>%3</p><p><b>%4</b></p><ul>")
                      .arg(html(p.title), html(p.difficulty), html(p.statement),
                           PracticeDock::tr("Functional requirements"));
    for (const std::string& f : p.requirements.functional)
        out += QStringLiteral("<li>%1</li>").arg(html(f));
    out += QStringLiteral("</ul><p><b>%1</b></p><p>").arg(PracticeDock::tr("Traffic"));
    out += PracticeDock::tr("%1 daily users, %2 requests each a day, peak %3x the average; "
                            "%4% reads, %5% writes, %6% static, %7% async; %8-byte objects; "
                            "%9 keys. The grader drives the peak, %10 req/s.")
               .arg(QLocale(QLocale::English).toString(t.envelope.dailyUsers, 'f', 0),
                    practiceNumber(t.envelope.requestsPerUserPerDay),
                    practiceNumber(t.envelope.peakFactor), practiceNumber(100 * t.read),
                    practiceNumber(100 * t.write), practiceNumber(100 * t.staticShare),
                    practiceNumber(100 * t.async), practiceNumber(t.envelope.objectBytes),
                    QLocale(QLocale::English).toString(static_cast<qulonglong>(t.envelope.keys)))
               .arg(QString::number(t.peakRps(), 'f', 0));
    out += QStringLiteral("</p><p><b>%1</b></p><ul>").arg(PracticeDock::tr("Faults"));
    for (const practice::ProblemFault& f : p.faults)
        out += QStringLiteral("<li>%1 (%2 %3 at %4 s)</li>")
                   .arg(html(f.name), html(f.fault.action), html(f.fault.target),
                        practiceNumber(f.fault.atSeconds));
    out += QStringLiteral("</ul><p><b>%1</b></p><ul>").arg(PracticeDock::tr("Targets"));
    const practice::Requirements& q = p.requirements;
    if (q.p99Ms)
        out += PracticeDock::tr("<li>p99 at most %1 ms</li>").arg(practiceNumber(*q.p99Ms));
    if (q.errorRate)
        out +=
            PracticeDock::tr("<li>errors at most %1%</li>").arg(practiceNumber(100 * *q.errorRate));
    if (q.availability)
        out += PracticeDock::tr("<li>at least %1% answered during each fault</li>")
                   .arg(practiceNumber(100 * *q.availability));
    if (q.lostWrites)
        out += PracticeDock::tr("<li>at most %1 lost writes</li>")
                   .arg(practiceNumber(static_cast<double>(*q.lostWrites)));
    if (q.staleReadFraction)
        out += PracticeDock::tr("<li>stale reads at most %1%</li>")
                   .arg(practiceNumber(100 * *q.staleReadFraction));
    if (q.recoverySeconds)
        out += PracticeDock::tr("<li>back to 90% answered within %1 s of each fault</li>")
                   .arg(practiceNumber(*q.recoverySeconds));
    if (q.sessionMisses)
        out += PracticeDock::tr("<li>at most %1 requests from users who lost their session</li>")
                   .arg(practiceNumber(static_cast<double>(*q.sessionMisses)));
    if (q.budgetMonthly)
        out += PracticeDock::tr("<li>estimated cost at most %1 a month</li>")
                   .arg(practiceNumber(*q.budgetMonthly));
    return out + QStringLiteral("</ul>");
}

} // namespace

PracticeDock::PracticeDock(DesignDocument& document, QWidget* parent)
    : QDockWidget(tr("Practice"), parent)
    , m_document(document)
    , m_problems(new QComboBox)
    , m_statement(new QTextBrowser)
    , m_length(new QComboBox)
    , m_start(new QPushButton(tr("Start")))
    , m_clock(new QLabel)
    , m_tick(new QTimer(this))
    , m_phases(new QListWidget)
    , m_notes(new QPlainTextEdit)
    , m_estimates(new EstimateForm(QStringLiteral("practiceEstimate"), tr("Check my estimates")))
    , m_hint(new QPushButton(tr("Show a hint")))
    , m_hintText(new QLabel)
    , m_evaluate(new QPushButton(tr("Evaluate")))
    , m_verdict(new QLabel)
    , m_scorecard(new QTreeWidget)
    , m_evidence(new QTextBrowser)
    , m_chart(new QLabel)
    , m_pages(new QTabWidget) {
    setObjectName(QStringLiteral("practiceDock"));
    m_problems->setObjectName(QStringLiteral("practiceProblem"));
    for (const practice::Problem& p : practice::builtinProblems())
        m_problems->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(p.title),
                                                          QString::fromStdString(p.difficulty)),
                            QString::fromStdString(p.id));
    m_statement->setObjectName(QStringLiteral("practiceStatement"));
    for (int minutes : {30, 45, 60})
        m_length->addItem(tr("%1 min").arg(minutes), minutes);
    m_clock->setObjectName(QStringLiteral("practiceClock"));
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this] { advance(1); });
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (m_tick->isActive())
            stopClock();
        else
            startClock(m_length->currentData().toInt());
    });

    m_phases->setObjectName(QStringLiteral("practicePhases"));
    for (const QString& phase : {tr("Requirements"), tr("Estimates"), tr("High-level design"),
                                 tr("Deep dive"), tr("Failure handling")}) {
        auto* item = new QListWidgetItem(phase, m_phases);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    connect(m_estimates, &EstimateForm::checkRequested, this, [this] { checkEstimates(); });
    m_notes->setObjectName(QStringLiteral("practiceNotes"));
    m_notes->setPlaceholderText(tr("Notes"));
    m_hintText->setObjectName(QStringLiteral("practiceHints"));
    m_hintText->setWordWrap(true);
    m_hintText->setTextFormat(Qt::RichText);
    connect(m_hint, &QPushButton::clicked, this, &PracticeDock::showHint);
    m_evaluate->setObjectName(QStringLiteral("practiceEvaluate"));
    connect(m_evaluate, &QPushButton::clicked, this, &PracticeDock::evaluate);
    m_verdict->setObjectName(QStringLiteral("practiceVerdict"));
    m_verdict->setWordWrap(true);
    m_scorecard->setObjectName(QStringLiteral("practiceScorecard"));
    m_scorecard->setColumnCount(3);
    m_scorecard->setHeaderLabels({tr("Requirement"), tr("Measured"), tr("Target")});
    m_scorecard->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_scorecard->setRootIsDecorated(false);
    m_evidence->setObjectName(QStringLiteral("practiceEvidence"));
    m_chart->setObjectName(QStringLiteral("practiceChart"));
    m_chart->hide();
    connect(m_scorecard, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* item) { showChart(item); });

    auto* clockRow = new QHBoxLayout;
    clockRow->addWidget(m_length);
    clockRow->addWidget(m_start);
    clockRow->addWidget(m_clock, 1);
    clockRow->addWidget(m_evaluate);
    auto* problemPage = new QWidget;
    auto* problemLayout = new QVBoxLayout(problemPage);
    problemLayout->addWidget(m_statement, 1);
    problemLayout->addWidget(m_hintText);
    problemLayout->addWidget(m_hint, 0, Qt::AlignLeft);
    auto* planPage = new QWidget;
    auto* planLayout = new QVBoxLayout(planPage);
    planLayout->addWidget(m_phases);
    planLayout->addWidget(m_notes, 1);
    auto* scorePage = new QWidget;
    auto* scoreLayout = new QVBoxLayout(scorePage);
    scoreLayout->addWidget(m_verdict);
    scoreLayout->addWidget(m_scorecard, 2);
    scoreLayout->addWidget(m_chart);
    scoreLayout->addWidget(m_evidence, 3);
    m_pages->setObjectName(QStringLiteral("practicePages"));
    m_pages->addTab(problemPage, tr("Problem"));
    m_pages->addTab(m_estimates, tr("Estimates"));
    m_pages->addTab(planPage, tr("Phases and notes"));
    m_pages->addTab(scorePage, tr("Scorecard"));
    auto* body = new QWidget;
    auto* bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(4, 4, 4, 4);
    bodyLayout->addWidget(m_problems);
    bodyLayout->addLayout(clockRow);
    bodyLayout->addWidget(m_pages, 1);
    setWidget(scrolling(body)); // tall: it scrolls rather than stretch the window

    connect(m_problems, &QComboBox::currentIndexChanged, this, &PracticeDock::showProblem);
    showProblem();
    m_clock->setText(clockText());
}

PracticeDock::~PracticeDock() {
    if (m_worker) {
        m_worker->wait();
        delete m_worker;
    }
}

bool PracticeDock::choose(const QString& id) {
    const int index = m_problems->findData(id);
    if (index < 0)
        return false;
    m_problems->setCurrentIndex(index);
    return true;
}

const practice::Problem* PracticeDock::problem() const {
    return practice::findProblem(m_problems->currentData().toString().toStdString());
}

void PracticeDock::showProblem() {
    const practice::Problem* p = problem();
    m_statement->setHtml(p ? describe(*p) : QString());
    m_hints = 0;
    m_elapsed = 0;
    m_hintText->clear();
    m_hint->setEnabled(p && !p->hints.empty());
    m_estimates->clear();
    m_card.reset();
    m_scorecard->clear();
    m_verdict->clear();
}

void PracticeDock::startClock(int minutes) {
    if (const int index = m_length->findData(minutes); index >= 0)
        m_length->setCurrentIndex(index);
    m_left = minutes * 60;
    m_elapsed = 0;
    m_tick->start();
    m_start->setText(tr("Stop"));
    m_clock->setText(clockText());
}

void PracticeDock::stopClock() {
    m_tick->stop();
    m_start->setText(tr("Start"));
}

void PracticeDock::advance(int seconds) {
    const int before = m_left;
    m_left = std::max(0, m_left - seconds);
    m_elapsed += before - m_left;
    if (m_left == 0)
        stopClock();
    for (int warning : {600, 300, 60})
        if (before > warning && m_left <= warning)
            m_clock->setStyleSheet(QStringLiteral("font-weight: bold; color: #c0392b;"));
    m_clock->setText(clockText());
}

QString PracticeDock::clockText() const {
    const QString time = QStringLiteral("%1:%2")
                             .arg(m_left / 60, 2, 10, QLatin1Char('0'))
                             .arg(m_left % 60, 2, 10, QLatin1Char('0'));
    if (m_left == 0)
        return m_tick->isActive() ? time : tr("%1 (not running)").arg(time);
    if (m_left <= 60)
        return tr("%1 left: one minute to go").arg(time);
    if (m_left <= 300)
        return tr("%1 left: five minutes to go").arg(time);
    if (m_left <= 600)
        return tr("%1 left: ten minutes to go").arg(time);
    return tr("%1 left").arg(time);
}

bool PracticeDock::showHint() {
    const practice::Problem* p = problem();
    if (!p || m_hints >= static_cast<int>(p->hints.size()))
        return false;
    ++m_hints;
    QString text;
    for (int i = 0; i < m_hints; ++i)
        text += tr("<p><b>Hint %1.</b> %2</p>").arg(i + 1).arg(html(p->hints[std::size_t(i)]));
    m_hintText->setText(text);
    m_hint->setEnabled(m_hints < static_cast<int>(p->hints.size()));
    return true;
}

bool PracticeDock::setEstimate(const QString& quantity, const QString& value) {
    return m_estimates->setEstimate(quantity, value);
}

std::vector<practice::EstimateCheck> PracticeDock::checkEstimates() {
    const practice::Problem* p = problem();
    if (!p)
        return {};
    return m_estimates->check(
        practice::computeEnvelope(p->traffic.envelope),
        tr("Computed from the problem's traffic (servers: 20 ms a request on 8 workers at 70%; "
           "cache for 80% of reads): estimates, not measurements."));
}

void PracticeDock::evaluate() {
    const practice::Problem* p = problem();
    if (!p || m_worker)
        return;
    if (design::hasErrors(m_document.problems())) {
        m_verdict->setText(tr("The design has errors: fix them (see Problems) to evaluate it."));
        return;
    }
    m_evaluate->setEnabled(false);
    m_verdict->setText(tr("Running the design against the problem's traffic and faults..."));
    auto card = std::make_shared<practice::Scorecard>();
    const practice::Problem problem = *p;
    const design::Design design = m_document.design();
    m_worker =
        QThread::create([card, problem, design] { *card = practice::grade(problem, design); });
    connect(m_worker, &QThread::finished, this, [this, card, design] {
        m_worker->deleteLater();
        m_worker = nullptr;
        m_card = *card;
        m_evaluate->setEnabled(true);
        const std::vector<practice::EstimateCheck> estimates = checkEstimates();
        showScorecard(estimates);
        recordAttempt(design, estimates);
        m_pages->setCurrentIndex(m_pages->count() - 1);
        Q_EMIT evaluated();
    });
    m_worker->start();
}

void PracticeDock::showChart(const QTreeWidgetItem* item) {
    const QVariant index = item ? item->data(0, Qt::UserRole + 1) : QVariant();
    if (!m_card || !index.isValid() || index.toInt() >= static_cast<int>(m_card->checks.size())) {
        m_chart->clear();
        m_chart->hide();
        return;
    }
    const practice::Check& c = m_card->checks[static_cast<std::size_t>(index.toInt())];
    if (c.evidence.time.empty()) {
        m_chart->clear();
        m_chart->hide();
        return;
    }
    const bool latency = c.id == "p99_ms";
    const bool rates = c.id == "error_rate" || c.id == "availability";
    reports::SeriesChart chart(tr("%1, seed %2").arg(QString::fromStdString(c.label)).arg(c.seed),
                               latency ? tr("ms")
                               : rates ? tr("req/s")
                                       : tr("count"));
    int colour = 0;
    for (const auto& [name, values] : c.evidence.lines)
        chart.addLine({QString::fromStdString(name), c.evidence.time, values,
                       reports::SeriesChart::colour(colour++)});
    for (const practice::Evidence::Event& e : c.evidence.events)
        chart.addMarker({e.atSeconds,
                         QString::fromStdString(e.kind + (e.node.empty() ? "" : " " + e.node)),
                         QString::fromStdString(e.kind)});
    const int width = std::max(320, m_scorecard->viewport()->width());
    m_chart->setPixmap(QPixmap::fromImage(chart.render(QSize(width, 220))));
    m_chart->show();
}

void PracticeDock::recordAttempt(const design::Design& graded,
                                 const std::vector<practice::EstimateCheck>& estimates) {
    const QString path = m_document.filePath();
    if (!DesignFiles::isWorkspaceFile(path)) {
        m_verdict->setText(m_verdict->text() + QLatin1Char(' ') +
                           tr("Not kept: attempts are kept in workspaces (.sbw); save the design "
                              "as one to keep them."));
        return;
    }
    practice::AttemptContext context;
    context.recordedAt = ws::isoTimestampNow();
    context.hintsUsed = m_hints;
    context.estimates = estimates;
    context.timeTakenSeconds = m_elapsed;
    const ws::AppendResult stored = ws::WorkspaceFile::appendAttempt(
        path.toStdString(), practice::attemptRecord(*m_card, graded, context));
    if (!stored.ok()) {
        m_verdict->setText(
            m_verdict->text() + QLatin1Char(' ') +
            tr("Not kept in the workspace: %1").arg(QString::fromStdString(stored.error)));
        return;
    }
    m_verdict->setText(m_verdict->text() + QLatin1Char(' ') +
                       tr("Kept in the workspace (time taken %1; Tools > Practice progress…).")
                           .arg(QString::fromStdString(practice::formatDuration(m_elapsed))));
    Q_EMIT attemptRecorded();
}

void PracticeDock::showScorecard(const std::vector<practice::EstimateCheck>& checked) {
    m_scorecard->clear();
    m_evidence->clear();
    showChart(nullptr);
    if (!m_card)
        return;
    const practice::Scorecard& card = *m_card;
    QString evidence;
    const QIcon pass = style()->standardIcon(QStyle::SP_DialogApplyButton);
    const QIcon fail = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    for (const practice::Check& c : card.checks) {
        const bool share = c.unit == "fraction";
        auto value = [share, &c](double v) {
            return share ? QStringLiteral("%1%").arg(100 * v, 0, 'f', 1)
                         : QStringLiteral("%1 %2").arg(practiceNumber(std::round(v * 10) / 10),
                                                       QString::fromStdString(c.unit));
        };
        auto* item =
            new QTreeWidgetItem(m_scorecard, {QString::fromStdString(c.label), value(c.measured),
                                              QString::fromStdString(c.comparison) +
                                                  QLatin1Char(' ') + value(c.target)});
        item->setIcon(0, c.passed ? pass : fail);
        item->setData(0, Qt::UserRole, c.passed);
        item->setData(0, Qt::UserRole + 1,
                      static_cast<int>(&c - card.checks.data())); // its check, for the chart
        item->setToolTip(0, QString::fromStdString(c.why));
        evidence += QStringLiteral("<p><b>%1 %2.</b> %3</p>")
                        .arg(c.passed ? tr("Met:") : tr("Missed:"), html(c.label), html(c.why));
    }
    for (const std::string& e : card.runErrors)
        new QTreeWidgetItem(m_scorecard,
                            {tr("The run did not finish: %1").arg(QString::fromStdString(e))});
    const QString currency = QString::fromStdString(card.cost.currency);
    new QTreeWidgetItem(
        m_scorecard,
        {tr("Cost (estimate, illustrative prices)"),
         QStringLiteral("%1 %2").arg(card.cost.totalMonthly, 0, 'f', 0).arg(currency)});
    QStringList lines;
    for (const practice::CostLine& l : card.cost.lines)
        if (l.monthly > 0)
            lines << QStringLiteral("%1 %2").arg(html(l.node)).arg(l.monthly, 0, 'f', 0);
    evidence += tr("<p><b>Cost</b> (an estimate from illustrative prices, %1 a month): %2</p>")
                    .arg(currency, lines.join(QStringLiteral(", ")));
    if (!card.findings.empty()) {
        evidence += tr("<p><b>Design review</b> (advice, not scored)</p><ul>");
        for (const std::string& f : card.findings)
            evidence += QStringLiteral("<li>%1</li>").arg(html(f));
        evidence += QStringLiteral("</ul>");
    }
    if (const practice::Problem* p = problem())
        evidence += tr("<p><b>Debrief</b> (how the reference design answers the problem; "
                       "problems show %1 --reference FILE writes it out): %2</p>")
                        .arg(html(p->id), html(p->debrief));
    m_evidence->setHtml(evidence);
    // The chart of the first missed check (else the first), until another row is chosen.
    QTreeWidgetItem* shown = nullptr;
    for (int i = 0; i < m_scorecard->topLevelItemCount() && !shown; ++i)
        if (m_scorecard->topLevelItem(i)->data(0, Qt::UserRole) == QVariant(false))
            shown = m_scorecard->topLevelItem(i);
    m_scorecard->setCurrentItem(shown ? shown : m_scorecard->topLevelItem(0));
    std::size_t met = 0;
    for (const practice::Check& c : card.checks)
        met += c.passed ? 1 : 0;
    const practice::Problem* p = problem();
    const int hints = p ? static_cast<int>(p->hints.size()) : 0;
    QString estimates;
    if (!checked.empty()) {
        double worst = 1;
        for (const practice::EstimateCheck& c : checked)
            worst = std::max(worst, c.factorOff);
        estimates = tr(" Estimates: %1 checked, the furthest off by a factor of %2.")
                        .arg(checked.size())
                        .arg(worst, 0, 'f', 2);
    }
    m_verdict->setText(tr("%1: %2 of %3 requirements met over %4 seeds; hints used: %5 of %6.")
                           .arg(card.passed() ? tr("Passed") : tr("Not yet"))
                           .arg(met)
                           .arg(card.checks.size())
                           .arg(card.seeds.size())
                           .arg(m_hints)
                           .arg(hints) +
                       estimates);
}

} // namespace sb::gui
