#include "gui/live/LiveRun.h"

#include "serve/LiveEndpoint.h"

#include "components/faults/CommandApplier.h"
#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"

#include <QElapsedTimer>
#include <algorithm>
#include <sstream>

namespace sb::gui {

namespace {

constexpr int kSnapshotPollMs = 16; // about 60 frames a second

} // namespace

LiveRun::LiveRun(QObject* parent)
    : QObject(parent)
    , m_design(std::make_shared<design::Design>()) {
    m_frameTimer.setInterval(kSnapshotPollMs);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &LiveRun::drain);
}

LiveRun::~LiveRun() {
    m_endpoint.reset();
    m_control.reset(); // stops and joins the engine thread before the mailbox goes
}

QString LiveRun::start(const design::Design& design, const emu::RunSettings& settings) {
    std::unique_ptr<emu::Simulation> sim;
    try {
        sim = comp::buildSimulation(design, comp::ComponentRegistry::builtin(), settings.seed);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    dropRun(design);
    m_entries = serve::entryPoints(*sim);
    m_recordsReal = m_endpointWanted && !m_entries.empty();
    if (m_recordsReal)
        serve::LiveEndpoint::registerCounters(*sim);
    m_settings = settings;
    m_record.settings = settings;
    m_record.label = tr("seed %1").arg(settings.seed);
    m_mailbox = std::make_unique<SnapshotMailbox>();
    m_control = std::make_unique<emu::RunControl>(std::move(sim), settings, m_mailbox.get());
    m_recorder = std::make_unique<timeline::TimelineRecorder>();
    m_breakpointSet = std::make_unique<timeline::BreakpointSet>();
    for (const timeline::Breakpoint& b : m_armed)
        m_breakpointSet->add(b);
    m_control->watch(m_recorder.get());
    m_control->watch(m_breakpointSet.get());
    m_control->start();
    if (m_endpointWanted)
        openEndpoint(); // the run bar shows why when it cannot
    m_frameTimer.start();
    Q_EMIT cleared();
    Q_EMIT started();
    Q_EMIT stateChanged();
    return {};
}

void LiveRun::pause() {
    if (isActive())
        m_control->pause();
}

void LiveRun::resume() {
    if (isActive())
        m_control->resume();
}

void LiveRun::step() {
    if (isActive())
        m_control->step();
}

void LiveRun::addBreakpoint(const timeline::Breakpoint& breakpoint) {
    m_armed.push_back(breakpoint);
    if (isActive())
        m_breakpointSet->add(breakpoint);
}

void LiveRun::clearBreakpoints() {
    m_armed.clear();
    if (m_breakpointSet)
        m_breakpointSet->clear();
}

void LiveRun::forget(const design::Design& design) {
    dropRun(design);
    Q_EMIT cleared();
    Q_EMIT stateChanged();
}

void LiveRun::dropRun(const design::Design& design) {
    closeEndpoint();
    m_control.reset(); // stops and joins a running engine
    m_breakpointSet.reset();
    m_frameTimer.stop();
    m_mailbox.reset();
    m_design = std::make_shared<const design::Design>(design);
    m_record = RunRecord{};
    m_columns.reset();
    for (const auto& n : design.nodes)
        m_record.nodes.emplace_back(n.id.value, n.kind);
    m_latest.reset();
    m_result.reset();
    m_paused = false;
    m_longestHandOverMs = 0;
}

void LiveRun::stop() {
    if (isActive())
        m_control->stop();
}

void LiveRun::setSpeed(double speed) {
    m_settings.speed = speed;
    if (isActive())
        m_control->setSpeed(speed);
}

bool LiveRun::isActive() const {
    return m_control && !m_result;
}

bool LiveRun::isPaused() const {
    return isActive() && m_paused;
}

double LiveRun::clockSeconds() const {
    return m_latest ? emu::toSeconds(m_latest->now) : 0.0;
}

void LiveRun::send(comp::Command command) {
    if (!isActive())
        return;
    m_control->post([command = std::move(command)](emu::Simulation& sim) {
        comp::CommandApplier::of(sim).apply(sim, command);
    });
}

void LiveRun::drain() {
    if (!m_mailbox)
        return;
    QElapsedTimer handOver;
    handOver.start();
    // The result first: the engine publishes its final snapshot before its result, so
    // snapshots taken after seeing the result include the final one.
    const auto result = m_result ? nullptr : m_mailbox->result();
    const std::vector<emu::SnapshotPtr> snapshots = m_mailbox->take();
    m_longestHandOverMs = std::max(m_longestHandOverMs, double(handOver.nsecsElapsed()) / 1e6);
    std::size_t firstRow = SIZE_MAX, firstEvent = SIZE_MAX;
    for (const auto& s : snapshots)
        absorb(*s, firstRow, firstEvent);
    const bool wasPaused = m_paused;
    if (!snapshots.empty()) {
        m_latest = snapshots.back();
        m_paused = m_latest->paused;
    }
    const bool ended = result != nullptr;
    if (ended) {
        m_result = result;
        m_recorder->complete(*result);
    }
    // A breakpoint that fired fires no more (it stays armed for runs to come until then).
    const std::vector<timeline::BreakpointSet::Hit> hits =
        m_breakpointSet ? m_breakpointSet->hits() : std::vector<timeline::BreakpointSet::Hit>{};
    if (ended)
        m_frameTimer.stop();
    if (firstRow != SIZE_MAX)
        Q_EMIT rowsChanged(firstRow);
    if (firstEvent != SIZE_MAX)
        Q_EMIT eventsAdded(firstEvent);
    if (!snapshots.empty())
        Q_EMIT frame(m_latest);
    if (ended || wasPaused != m_paused)
        Q_EMIT stateChanged();
    for (const auto& hit : hits) {
        const auto it = std::find(m_armed.begin(), m_armed.end(), hit.breakpoint);
        if (it == m_armed.end())
            continue;
        m_armed.erase(it);
        Q_EMIT breakpointHit(QString::fromStdString(hit.breakpoint.describe()),
                             emu::toSeconds(hit.time));
    }
    if (ended) {
        closeEndpoint(); // nothing would answer its requests any more
        Q_EMIT finished();
    }
}

QString LiveRun::setLiveEndpoint(bool on) {
    m_endpointWanted = on;
    if (!on) {
        closeEndpoint();
        return {};
    }
    return isActive() && !m_endpoint ? openEndpoint() : QString();
}

QString LiveRun::openEndpoint() {
    m_endpointError = tryOpenEndpoint();
    Q_EMIT liveEndpointChanged();
    return m_endpointError;
}

QString LiveRun::tryOpenEndpoint() {
    serve::EndpointSettings settings;
    settings.port = m_endpointPort;
    QString error;
    for (int attempt = 0; attempt < 2 && !m_endpoint; ++attempt) {
        try {
            m_endpoint = std::make_unique<serve::LiveEndpoint>(*m_control, m_entries, settings);
        } catch (const std::invalid_argument& e) {
            return QString::fromStdString(e.what()); // no clients node: no port helps
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
            settings.port = 0; // 8080 is taken: any free port
        }
    }
    if (!m_endpoint)
        return error;
    m_endpointPort = m_endpoint->port();
    return {};
}

void LiveRun::closeEndpoint() {
    m_endpointError.clear();
    if (!m_endpoint)
        return;
    m_endpoint->stop(std::chrono::seconds(1));
    m_endpoint.reset();
    Q_EMIT liveEndpointChanged();
}

QString LiveRun::liveEndpointUrl() const {
    return m_endpoint ? QString::fromStdString(m_endpoint->url()) : QString();
}

void LiveRun::absorb(const emu::Snapshot& s, std::size_t& firstRow, std::size_t& firstEvent) {
    RunRecord& r = m_record;
    if (s.seriesColumns != m_columns) {
        // New names (a new run, or the first snapshot): compared once, not every frame.
        m_columns = s.seriesColumns;
        static const std::vector<std::string> none;
        const std::vector<std::string>& names = m_columns ? *m_columns : none;
        if (r.columns != names) {
            r.columns = names;
            r.values.assign(r.columns.size(), {});
            r.times.clear();
        }
    }
    if (!s.newRows.empty() || s.firstRow < r.rows()) {
        // Rows from firstRow on are new; after the engine merged row pairs on a long run
        // it sends every row again from 0.
        const std::size_t from = std::min(s.firstRow, r.rows());
        r.times.resize(from);
        for (auto& column : r.values)
            column.resize(from);
        r.times.insert(r.times.end(), s.newTimes.begin(), s.newTimes.end());
        for (const auto& row : s.newRows)
            for (std::size_t c = 0; c < r.values.size(); ++c)
                r.values[c].push_back(c < row.size() ? row[c] : 0.0);
        firstRow = std::min(firstRow, from);
    }
    if (!s.newEvents.empty()) {
        firstEvent = std::min(firstEvent, r.events.size());
        r.events.insert(r.events.end(), s.newEvents.begin(), s.newEvents.end());
    }
}

} // namespace sb::gui
