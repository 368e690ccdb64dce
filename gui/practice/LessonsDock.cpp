#include "gui/practice/LessonsDock.h"

#include "gui/document/DesignDocument.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/panels/Scrolling.h"
#include "gui/window/MainWindow.h"
#include "timeline/TimelineRecorder.h"

#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

namespace sb::gui {

namespace {

QString settingsKey(const std::string& lessonId) {
    return QStringLiteral("lessons/") + QString::fromStdString(lessonId);
}

QString progressText(practice::LessonProgress p) {
    switch (p) {
    case practice::LessonProgress::Tried:
        return QObject::tr("tried, goals not met yet");
    case practice::LessonProgress::GoalsMet:
        return QObject::tr("goals met");
    case practice::LessonProgress::BonusMet:
        return QObject::tr("bonus met");
    case practice::LessonProgress::NotStarted:
        break;
    }
    return QObject::tr("not started");
}

QString escaped(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

QString goalLine(const practice::LessonGoal& g, bool bonus) {
    return QStringLiteral("<li>%1%2</li>")
        .arg(bonus ? QObject::tr("<b>Bonus:</b> ") : QString(), escaped(g.text));
}

} // namespace

LessonsDock::LessonsDock(MainWindow& window)
    : QDockWidget(tr("Guided path"), &window)
    , m_window(window)
    , m_list(new QListWidget)
    , m_open(new QPushButton(tr("Open lesson")))
    , m_next(new QPushButton)
    , m_briefing(new QLabel)
    , m_debriefText(new QLabel) {
    setObjectName(QStringLiteral("lessonsDock"));
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_open->setObjectName(QStringLiteral("openLesson"));
    m_next->setObjectName(QStringLiteral("nextLesson"));
    m_briefing->setObjectName(QStringLiteral("lessonBriefing"));
    m_debriefText->setObjectName(QStringLiteral("lessonDebrief"));
    for (QLabel* label : {m_briefing, m_debriefText}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    }
    m_list->setMinimumHeight(140);
    m_list->setMaximumHeight(230);
    m_briefing->setText(tr("<p>Eleven lessons, one per step of the scaling path. Open one: "
                           "its design loads with the traffic and the fault of the step. Read "
                           "the briefing, press <b>Run</b>, and when the run ends the debrief "
                           "says which goals were met, with the evidence.</p>"));
    m_debriefText->hide();
    m_next->hide();

    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->addWidget(m_list);
    layout->addWidget(m_open);
    layout->addWidget(m_briefing);
    layout->addWidget(m_debriefText);
    layout->addWidget(m_next);
    layout->addStretch(1);
    setWidget(scrolling(body)); // tall: it scrolls rather than stretch the window

    refreshList();
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { open(item->data(Qt::UserRole).toString()); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = m_list->currentItem())
            open(item->data(Qt::UserRole).toString());
    });
    connect(m_next, &QPushButton::clicked, this,
            [this] { open(m_next->property("lesson").toString()); });
    connect(&window.live()->run(), &LiveRun::finished, this, &LessonsDock::onRunFinished);
}

practice::LessonProgress LessonsDock::storedProgress(const std::string& lessonId) {
    return practice::progressFromKey(
        QSettings().value(settingsKey(lessonId)).toString().toStdString());
}

void LessonsDock::refreshList() {
    const auto& lessons = practice::builtinLessons();
    std::vector<practice::LessonProgress> progress;
    for (const practice::Lesson& l : lessons)
        progress.push_back(storedProgress(l.id));
    const int suggested = practice::suggestedLesson(progress);
    const int current = m_list->currentRow();
    m_list->clear();
    for (std::size_t i = 0; i < lessons.size(); ++i) {
        const practice::Lesson& l = lessons[i];
        QString text = tr("%1. %2 — %3")
                           .arg(l.step)
                           .arg(QString::fromStdString(l.title), progressText(progress[i]));
        if (static_cast<int>(i) == suggested)
            text += tr(" (next)");
        auto* item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, QString::fromStdString(l.id));
        item->setData(Qt::UserRole + 1, QString::fromUtf8(practice::progressKey(progress[i])));
        item->setToolTip(QString::fromStdString(l.briefing));
    }
    m_list->setCurrentRow(current >= 0 ? current : std::max(suggested, 0));
}

bool LessonsDock::open(const QString& id) {
    const practice::Lesson* lesson = practice::findLesson(id.toStdString());
    if (!lesson)
        return false;
    if (!m_window.document().isModified()) {
        load(*lesson);
        return true;
    }
    // Not exec(): the window (and a test driving it) goes on while it asks.
    auto* box = new QMessageBox(QMessageBox::Question, tr("Open the lesson"),
                                tr("The open design has unsaved changes. Replace it with the "
                                   "lesson's design?"),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("replaceDesignQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, lesson] { load(*lesson); });
    box->open();
    return true;
}

void LessonsDock::load(const practice::Lesson& lesson) {
    m_window.live()->run().stop();
    m_lesson = &lesson;
    m_debrief.reset();
    design::Design d = practice::lessonDesign(lesson, lesson.problem.reference);
    d.name = "Lesson " + std::to_string(lesson.step) + ": " + lesson.title;
    m_window.document().reset(std::move(d));
    m_window.document().setFilePath({});
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(Qt::UserRole).toString().toStdString() == lesson.id)
            m_list->setCurrentRow(row);
    showBriefing();
    m_window.statusBar()->showMessage(
        tr("Lesson %1 loaded: press Run and watch what happens").arg(lesson.step), 8000);
}

void LessonsDock::showBriefing() {
    const practice::Lesson& l = *m_lesson;
    QString goals;
    for (const practice::LessonGoal& g : l.goals)
        goals += goalLine(g, false);
    goals += goalLine(l.bonus, true);
    QString faults;
    for (const practice::ProblemFault& f : l.problem.faults)
        faults += tr("<li>%1 at %2 s</li>")
                      .arg(escaped(f.name),
                           QString::fromStdString(design::formatNumber(f.fault.atSeconds)));
    m_briefing->setText(
        tr("<h3>Lesson %1: %2</h3><p>%3</p><p><b>Goals</b></p><ul>%4</ul>"
           "<p><b>The run</b>: %5 s at %6 req/s (seed %7), with</p><ul>%8</ul>"
           "<p>Press <b>Run</b> in the run bar; the debrief appears here when the run ends.</p>")
            .arg(l.step)
            .arg(escaped(l.title), escaped(l.briefing), goals,
                 QString::fromStdString(design::formatNumber(l.problem.durationSeconds)),
                 QString::number(l.problem.traffic.peakRps(), 'f', 0))
            .arg(l.problem.seeds.front())
            .arg(faults));
    m_debriefText->hide();
    m_next->hide();
}

void LessonsDock::onRunFinished() {
    LiveRun& live = m_window.live()->run();
    if (!m_lesson || !live.result() || !live.recorder())
        return;
    if (live.result()->stopped) {
        m_debriefText->setText(tr("<p><b>The run was stopped before its end.</b> Run the "
                                  "lesson to the end for its debrief.</p>"));
        m_debriefText->show();
        return;
    }
    practice::Debrief d =
        practice::debriefRun(*m_lesson, live.design(), *live.result(), live.recorder()->timeline());
    const practice::LessonProgress best =
        practice::bestProgress(storedProgress(m_lesson->id), d.progress());
    QSettings().setValue(settingsKey(m_lesson->id), QString::fromUtf8(practice::progressKey(best)));
    m_debrief = std::move(d);
    refreshList();
    showDebrief(*m_debrief);
    Q_EMIT debriefed();
}

void LessonsDock::showDebrief(const practice::Debrief& d) {
    QString goals;
    for (const practice::GoalOutcome& g : d.goals) {
        QString checks;
        for (const practice::Check& c : g.checks)
            checks +=
                tr("<br><i>%1 (target %2 %3)</i>: %4")
                    .arg(QString::fromStdString(practice::formatCheckValue(c.measured, c.unit)),
                         escaped(c.comparison),
                         QString::fromStdString(practice::formatCheckValue(c.target, c.unit)),
                         escaped(c.why));
        goals += tr("<li><b style=\"color:%1\">%2</b> %3%4%5%6</li>")
                     .arg(g.met() ? QStringLiteral("#2e7d32") : QStringLiteral("#c62828"),
                          g.met() ? tr("met") : tr("missed"),
                          g.bonus ? tr("<b>Bonus:</b> ") : QString(), escaped(g.goal.text), checks,
                          g.met() ? QString() : tr("<br><b>Why:</b> ") + escaped(g.goal.ifMissed));
    }
    QString happened;
    for (const timeline::Sentence& s : d.happened)
        happened +=
            tr("<li>%1 s: %2</li>").arg(QString::number(s.seconds, 'f', 1), escaped(s.text));
    if (happened.isEmpty())
        happened = tr("<li>Nothing went wrong that the timeline shows.</li>");
    std::size_t met = 0, total = 0;
    for (const practice::GoalOutcome& g : d.goals)
        if (!g.bonus) {
            ++total;
            met += g.met() ? 1 : 0;
        }
    m_debriefText->setText(
        tr("<h3>Debrief: %1</h3><p><b>%2 of %3 goals met; bonus %4.</b></p><ul>%5</ul>"
           "<p><b>What happened</b></p><ul>%6</ul><p>%7</p>%8")
            .arg(d.goalsMet() ? tr("goals met") : tr("goals missed"))
            .arg(met)
            .arg(total)
            .arg(d.bonusMet() ? tr("met") : tr("missed"), goals, happened, escaped(d.text),
                 d.runError.empty()
                     ? QString()
                     : tr("<p><b>The run did not finish:</b> %1</p>").arg(escaped(d.runError))));
    m_debriefText->show();
    const auto& lessons = practice::builtinLessons();
    std::vector<practice::LessonProgress> progress;
    for (const practice::Lesson& l : lessons)
        progress.push_back(storedProgress(l.id));
    const int next = practice::suggestedLesson(progress);
    if (next >= 0 && lessons[static_cast<std::size_t>(next)].id != d.lesson) {
        const practice::Lesson& n = lessons[static_cast<std::size_t>(next)];
        m_next->setText(tr("Next: lesson %1, %2").arg(n.step).arg(QString::fromStdString(n.title)));
        m_next->setProperty("lesson", QString::fromStdString(n.id));
        m_next->show();
    } else if (next >= 0) {
        m_next->setText(tr("Try lesson %1 again").arg(d.step));
        m_next->setProperty("lesson", QString::fromStdString(d.lesson));
        m_next->show();
    } else {
        m_next->hide();
    }
}

} // namespace sb::gui
