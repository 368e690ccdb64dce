#include "gui/live/RunBar.h"

#include "gui/live/LiveFormat.h"
#include "gui/live/LiveRun.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QStyle>
#include <QUrl>
#include <cmath>
#include <limits>

namespace sb::gui {

namespace {

const double kSpeeds[] = {0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 0};

QLabel* caption(const QString& text) {
    auto* label = new QLabel(text);
    label->setContentsMargins(8, 0, 3, 0);
    return label;
}

} // namespace

RunBar::RunBar(LiveRun& run, QWidget* parent)
    : QToolBar(tr("Run"), parent)
    , m_run(run)
    , m_speed(new QComboBox)
    , m_seed(new QSpinBox)
    , m_duration(new QDoubleSpinBox)
    , m_warmup(new QDoubleSpinBox)
    , m_clock(new QLabel)
    , m_state(new QLabel)
    , m_endpoint(new QLabel) {
    setObjectName(QStringLiteral("runToolBar"));
    setIconSize(QSize(18, 18));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto make = [this](const char* name, const QString& text, QStyle::StandardPixmap icon,
                       const QKeySequence& key, const QString& tip) {
        QAction* a = addAction(style()->standardIcon(icon), text);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        a->setToolTip(tip + QStringLiteral(" (") + key.toString(QKeySequence::NativeText) +
                      QLatin1Char(')'));
        return a;
    };
    m_play = make("actionRunPlay", tr("Run"), QStyle::SP_MediaPlay, QKeySequence(Qt::Key_F5),
                  tr("Run the design, or resume a paused run"));
    m_pause = make("actionRunPause", tr("Pause"), QStyle::SP_MediaPause, QKeySequence(Qt::Key_F6),
                   tr("Pause the run: the virtual clock stops"));
    m_step = make("actionRunStep", tr("Step"), QStyle::SP_MediaSeekForward,
                  QKeySequence(Qt::Key_F7), tr("While paused, advance one sample interval"));
    m_stop = make("actionRunStop", tr("Stop"), QStyle::SP_MediaStop,
                  QKeySequence(Qt::SHIFT | Qt::Key_F5), tr("End the run here"));
    connect(m_play, &QAction::triggered, this, &RunBar::playRequested);
    connect(m_pause, &QAction::triggered, &m_run, &LiveRun::pause);
    connect(m_step, &QAction::triggered, &m_run, &LiveRun::step);
    connect(m_stop, &QAction::triggered, &m_run, &LiveRun::stop);

    addWidget(caption(tr("Speed")));
    for (double s : kSpeeds)
        m_speed->addItem(s == 0 ? tr("max") : QStringLiteral("%1×").arg(s), s);
    m_speed->setObjectName(QStringLiteral("runSpeed"));
    m_speed->setToolTip(tr("Virtual seconds per wall second; max runs as fast as the CPU allows"));
    setSpeed(1);
    addWidget(m_speed);
    connect(m_speed, &QComboBox::activated, this, [this] { m_run.setSpeed(speed()); });

    addWidget(caption(tr("Seed")));
    m_seed->setObjectName(QStringLiteral("runSeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(1);
    m_seed->setToolTip(tr("Same design, same seed, max speed: the same numbers"));
    addWidget(m_seed);
    addWidget(caption(tr("Duration")));
    m_duration->setObjectName(QStringLiteral("runDuration"));
    m_duration->setRange(1, 86400);
    m_duration->setDecimals(0);
    m_duration->setSuffix(tr(" s"));
    m_duration->setValue(60);
    addWidget(m_duration);
    addWidget(caption(tr("Warm-up")));
    m_warmup->setObjectName(QStringLiteral("runWarmup"));
    m_warmup->setRange(0, 3600);
    m_warmup->setDecimals(0);
    m_warmup->setSuffix(tr(" s"));
    m_warmup->setToolTip(tr("Virtual seconds left out of the results at the start"));
    addWidget(m_warmup);
    addSeparator();
    m_clock->setObjectName(QStringLiteral("runClock"));
    m_clock->setMinimumWidth(150);
    QFont mono = m_clock->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setBold(true);
    m_clock->setFont(mono);
    m_clock->setToolTip(tr("Virtual time of the run"));
    addWidget(m_clock);
    m_state->setObjectName(QStringLiteral("runState"));
    addWidget(m_state);
    addSeparator();
    m_compare = addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Compare"));
    m_compare->setObjectName(QStringLiteral("actionRunCompare"));
    m_compare->setToolTip(tr("Keep this run's charts and overlay a rerun of the design as it is "
                             "now, with the seed set here"));
    connect(m_compare, &QAction::triggered, this, &RunBar::compareRequested);

    addSeparator();
    m_live = addAction(style()->standardIcon(QStyle::SP_DriveNetIcon), tr("Live endpoint"));
    m_live->setObjectName(QStringLiteral("actionLiveEndpoint"));
    m_live->setCheckable(true);
    m_live->setToolTip(tr("Serve real HTTP requests on loopback while the design runs: curl, a "
                          "browser or wrk get the designed system's latency, status codes and "
                          "failures (needs a real-time speed, not max)"));
    connect(m_live, &QAction::toggled, this, [this](bool on) {
        m_run.setLiveEndpoint(on);
        showEndpoint();
    });
    m_endpoint->setObjectName(QStringLiteral("liveEndpointUrl"));
    m_endpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_endpoint->setContentsMargins(4, 0, 4, 0);
    addWidget(m_endpoint);
    connect(&m_run, &LiveRun::liveEndpointChanged, this, &RunBar::showEndpoint);
    showEndpoint();

    connect(&m_run, &LiveRun::stateChanged, this, &RunBar::refresh);
    connect(&m_run, &LiveRun::frame, this, &RunBar::showClock);
    refresh();
}

emu::RunSettings RunBar::settings() const {
    emu::RunSettings s;
    s.durationSeconds = m_duration->value();
    s.warmupSeconds = std::min(m_warmup->value(), m_duration->value());
    s.seed = std::uint64_t(m_seed->value());
    s.speed = speed();
    return s;
}

void RunBar::showSettings(const emu::RunSettings& settings) {
    m_duration->setValue(settings.durationSeconds);
    m_warmup->setValue(settings.warmupSeconds);
    m_seed->setValue(int(std::min<std::uint64_t>(settings.seed, std::numeric_limits<int>::max())));
}

double RunBar::speed() const {
    return m_speed->currentData().toDouble();
}

void RunBar::setSpeed(double speed) {
    // The listed speed nearest to the one asked for (by ratio; 0 is "max").
    int best = 0;
    double bestDistance = std::numeric_limits<double>::max();
    for (int i = 0; i < m_speed->count(); ++i) {
        const double s = m_speed->itemData(i).toDouble();
        const double distance =
            (s == 0 || speed == 0) ? (s == speed ? 0.0 : 1e9) : std::abs(std::log(s / speed));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    m_speed->setCurrentIndex(best);
    m_run.setSpeed(this->speed());
}

void RunBar::refresh() {
    const bool active = m_run.isActive();
    const bool paused = m_run.isPaused();
    m_play->setEnabled(!active || paused);
    m_play->setText(paused ? tr("Resume") : tr("Run"));
    m_pause->setEnabled(active && !paused);
    m_step->setEnabled(active && paused);
    m_stop->setEnabled(active);
    m_compare->setEnabled(!active && m_run.result() != nullptr);
    for (QWidget* w : std::initializer_list<QWidget*>{m_seed, m_duration, m_warmup})
        w->setEnabled(!active);
    if (!m_run.hasRun())
        m_state->setText(tr("ready"));
    else if (paused)
        m_state->setText(tr("paused"));
    else if (active)
        m_state->setText(tr("running"));
    else
        m_state->setText(!m_run.result()                  ? tr("finished")
                         : !m_run.result()->error.empty() ? tr("failed")
                         : m_run.result()->stopped        ? tr("stopped")
                                                          : tr("finished"));
    showClock();
}

void RunBar::showClock() {
    if (!m_run.hasRun()) {
        m_clock->setText(QStringLiteral("t = 0.0 s"));
        return;
    }
    m_clock->setText(
        tr("t = %1 / %2")
            .arg(formatClock(m_run.clockSeconds()), formatClock(m_run.settings().durationSeconds)));
}

void RunBar::showEndpoint() {
    const QString url = m_run.liveEndpointUrl();
    const QString& error = m_run.liveEndpointError();
    if (!m_live->isChecked()) {
        m_endpoint->clear();
        m_endpoint->setToolTip({});
    } else if (!url.isEmpty()) {
        // host:port, short enough for a laptop's run bar; the tooltip has the whole address
        m_endpoint->setText(QUrl(url).authority());
        m_endpoint->setToolTip(
            tr("Real requests: GET %1items/42 is a read, POST a write, GET /static/... a static "
               "file; answers carry X-Scaleboard-Path and X-Scaleboard-Latency-Ms")
                .arg(url));
    } else if (!error.isEmpty()) {
        m_endpoint->setText(tr("cannot serve: %1").arg(error));
        m_endpoint->setToolTip(error);
    } else {
        m_endpoint->setText(tr("opens when a run starts"));
        m_endpoint->setToolTip({});
    }
}

} // namespace sb::gui
