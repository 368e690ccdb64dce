#include "gui/replay/ReplayDock.h"

#include "gui/live/ChartsDock.h"
#include "gui/live/HealthMatrixDock.h"
#include "gui/live/LiveCanvas.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/live/TrafficLayer.h"
#include "gui/replay/RunAnimation.h"
#include "gui/replay/TimelineBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

namespace sb::gui {

ReplayDock::ReplayDock(LiveSession& live, QWidget* parent)
    : QDockWidget(tr("Replay"), parent)
    , m_live(live)
    , m_bar(new TimelineBar)
    , m_clock(new QLabel(tr("no run yet")))
    , m_sentences(new QListWidget)
    , m_breakpoint(new QLineEdit)
    , m_armed(new QLabel) {
    setObjectName(QStringLiteral("replayDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* barRow = new QHBoxLayout;
    m_bar->setObjectName(QStringLiteral("replayBar"));
    m_bar->setRange(0, 0);
    m_bar->setSingleStep(1);
    m_bar->setPageStep(10);
    m_bar->setToolTip(tr("Drag to see any recorded moment on the canvas; the arrow keys step "
                         "one sample. The ticks are the run's events: rest the pointer on one "
                         "to read it"));
    barRow->addWidget(m_bar, 1);
    barRow->addWidget(m_clock);
    layout->addLayout(barRow);
    auto* breakRow = new QHBoxLayout;
    m_breakpoint->setObjectName(QStringLiteral("breakpointEdit"));
    // Short enough for the dock's width on a laptop; the tooltip lists every condition.
    m_breakpoint->setPlaceholderText(tr("Break when… e.g. error rate > 5%"));
    m_breakpoint->setToolTip(tr("Pause the run when a condition first holds: error rate > 5%, "
                                "p99 > 250 ms, db down, db detected down, web1 queue > 50, "
                                "alert fired. Press Enter to add it"));
    auto* clear = new QPushButton(tr("Clear"));
    clear->setToolTip(tr("Clear every breakpoint"));
    breakRow->addWidget(m_breakpoint, 1);
    breakRow->addWidget(clear);
    layout->addLayout(breakRow);
    layout->addWidget(m_armed);
    auto* explainButton = new QPushButton(tr("What happened?"));
    layout->addWidget(explainButton);
    m_sentences->setObjectName(QStringLiteral("whatHappened"));
    layout->addWidget(m_sentences, 1);
    setWidget(body);

    LiveRun& run = live.run();
    connect(m_bar, &QSlider::actionTriggered, this, [this] {
        // The slider has not moved yet when an action is triggered.
        seek(m_bar->sliderPosition());
    });
    connect(m_bar, &QSlider::sliderMoved, this, &ReplayDock::seek);
    connect(&run, &LiveRun::frame, this, &ReplayDock::onFrame);
    connect(&run, &LiveRun::finished, this, [this] {
        if (!m_stored)
            explainRun();
    });
    connect(&run, &LiveRun::eventsAdded, this, [this] {
        if (m_stored)
            return;
        const LiveRun& r = m_live.run();
        m_bar->setEvents(r.record().events, r.settings().resolutionSeconds);
    });
    connect(&run, &LiveRun::stateChanged, this, [this] {
        // Running on: the charts follow the clock again.
        if (m_live.run().isActive() && !m_live.run().isPaused() && m_live.charts())
            m_live.charts()->showTimeCursor(std::nullopt);
    });
    connect(&run, &LiveRun::cleared, this, [this] {
        if (m_stored) { // what the stored run put on the canvas and charts goes with it
            m_live.canvas()->clear();
            if (m_live.charts())
                m_live.charts()->clearBaseline();
        }
        m_stored.reset();
        m_bar->setRange(0, 0);
        m_bar->setEvents({}, 1);
        m_sentences->clear();
        m_explanation.clear();
    });
    connect(&run, &LiveRun::breakpointHit, this, [this](const QString& what, double t) {
        m_clock->setText(tr("paused at %1 s: %2").arg(t, 0, 'f', 1).arg(what));
        showBreakpoints();
    });
    connect(explainButton, &QPushButton::clicked, this, &ReplayDock::explainRun);
    connect(m_sentences, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const std::shared_ptr<const timeline::Timeline> shown = source();
        if (!shown)
            return;
        const double t = item->data(Qt::UserRole).toDouble();
        const int sample = static_cast<int>(shown->sampleAt(t));
        m_bar->setValue(sample);
        seek(sample);
    });
    connect(m_sentences, &QListWidget::itemClicked, m_sentences, &QListWidget::itemActivated);
    connect(m_breakpoint, &QLineEdit::returnPressed, this, &ReplayDock::addBreakpoint);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_live.run().clearBreakpoints();
        showBreakpoints();
    });
    showBreakpoints();
}

QSlider* ReplayDock::bar() const {
    return m_bar;
}

std::shared_ptr<const timeline::Timeline> ReplayDock::source() const {
    if (m_stored)
        return m_stored;
    const timeline::TimelineRecorder* recorder = m_live.run().recorder();
    if (!recorder)
        return nullptr;
    return std::make_shared<const timeline::Timeline>(recorder->timeline());
}

const design::Design& ReplayDock::sourceDesign() const {
    return m_stored ? m_storedDesign : m_live.run().design();
}

void ReplayDock::showStored(std::shared_ptr<const timeline::Timeline> recorded,
                            const QString& label, const design::Design& design) {
    LiveRun& run = m_live.run();
    if (run.isActive() && !run.isPaused())
        run.pause();
    m_stored = std::move(recorded);
    m_storedLabel = label;
    m_storedDesign = design;
    m_storedRecord = RunRecord::fromTimeline(*m_stored);
    m_storedRecord.label = label;
    if (m_live.charts()) // the stored run's series, drawn as the comparison line
        m_live.charts()->setBaseline(m_storedRecord);
    const int last = std::max(0, static_cast<int>(m_stored->samples()) - 1);
    m_bar->setRange(0, last);
    m_bar->setEvents(m_stored->events(), m_stored->layout().resolutionSeconds);
    {
        const QSignalBlocker quiet(m_bar);
        m_bar->setValue(last);
    }
    explainRun();
    seek(last);
}

void ReplayDock::onFrame() {
    const timeline::TimelineRecorder* recorder = m_live.run().recorder();
    if (!recorder || m_stored || m_bar->isSliderDown())
        return;
    const int last = std::max(0, static_cast<int>(recorder->samples()) - 1);
    const bool atEnd = m_bar->value() == m_bar->maximum();
    m_bar->setMaximum(last);
    if (atEnd) {
        const QSignalBlocker quiet(m_bar);
        m_bar->setValue(last);
    }
    m_clock->setText(tr("%1 s").arg(m_live.run().clockSeconds(), 0, 'f', 1));
}

void ReplayDock::seek(int sample) {
    LiveRun& run = m_live.run();
    const std::shared_ptr<const timeline::Timeline> t = source();
    if (!t || t->samples() == 0)
        return;
    if (!m_stored && run.isActive() && !run.isPaused())
        run.pause();
    const auto at = static_cast<std::size_t>(std::clamp(sample, 0, int(t->samples()) - 1));
    showRecordedMoment(*m_live.canvas(), *t, at);
    if (m_stored) {
        // No run moves the dots: they show where the traffic went at that moment.
        m_live.canvas()->traffic()->show();
        m_clock->setText(tr("%1: showing %2 s").arg(m_storedLabel).arg(t->time(at), 0, 'f', 1));
    } else {
        m_clock->setText(tr("showing %1 s").arg(t->time(at), 0, 'f', 1));
    }
    if (m_live.health())
        m_live.health()->showMoment(m_stored ? m_storedRecord : run.record(), t->time(at));
    // The charts plot the window's run, and a stored run as their comparison line.
    if (m_live.charts())
        m_live.charts()->showTimeCursor(t->time(at));
}

void ReplayDock::explainRun() {
    m_sentences->clear();
    const std::shared_ptr<const timeline::Timeline> t = source();
    if (!t)
        return;
    m_explanation = timeline::explain(*t, &sourceDesign());
    for (const timeline::Sentence& s : m_explanation) {
        auto* item = new QListWidgetItem(
            tr("%1 s  %2").arg(s.seconds, 0, 'f', 1).arg(QString::fromStdString(s.text)));
        item->setData(Qt::UserRole, s.seconds);
        m_sentences->addItem(item);
    }
}

void ReplayDock::addBreakpoint() {
    const std::optional<timeline::Breakpoint> b =
        timeline::Breakpoint::parse(m_breakpoint->text().toStdString());
    if (!b) {
        m_armed->setText(tr("Not a breakpoint: '%1'. Try error rate > 5%, p99 > 250 ms, db down, "
                            "db detected down, web1 queue > 50 or alert fired.")
                             .arg(m_breakpoint->text()));
        return;
    }
    m_live.run().addBreakpoint(*b);
    m_breakpoint->clear();
    showBreakpoints();
}

void ReplayDock::showBreakpoints() {
    QStringList armed;
    for (const timeline::Breakpoint& b : m_live.run().breakpoints())
        armed << QString::fromStdString(b.describe());
    m_armed->setText(armed.isEmpty() ? tr("No breakpoints")
                                     : tr("Breaks when: %1").arg(armed.join(QStringLiteral("; "))));
}

} // namespace sb::gui
