#pragma once

#include "components/faults/Command.h"
#include "design/Design.h"
#include "emulator/RunControl.h"
#include "gui/live/RunRecord.h"
#include "gui/live/SnapshotMailbox.h"
#include "serve/RequestRouting.h"
#include "timeline/Breakpoint.h"
#include "timeline/TimelineRecorder.h"

#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

namespace sb::serve {
class LiveEndpoint;
}

namespace sb::gui {

/// One run of a design in the window: builds the simulation, drives it on the engine's
/// own thread (RunControl) and, sixty times a second, takes the snapshots it published
/// and turns them into signals for the canvas and the docks. Everything the window does
/// to a running engine (faults, traffic, live property edits, chaos) is a typed command
/// sent with send(), applied on the engine thread between events.
class LiveRun final : public QObject {
    Q_OBJECT

public:
    explicit LiveRun(QObject* parent = nullptr);
    ~LiveRun() override;

    /// Builds and starts a run of `design`; returns why it could not, or an empty string.
    /// A run already going is stopped first.
    QString start(const design::Design& design, const emu::RunSettings& settings);
    void pause();
    void resume();
    /// While paused: one series interval of virtual time.
    void step();
    void stop();
    /// Virtual seconds per wall second; 0 = as fast as possible.
    void setSpeed(double speed);

    /// A run exists and has not finished (it may be paused).
    bool isActive() const;
    bool isPaused() const;
    bool hasRun() const { return m_control != nullptr; }
    /// The design the current (or last) run was built from.
    const design::Design& design() const { return *m_design; }
    const emu::RunSettings& settings() const { return m_settings; }
    const RunRecord& record() const { return m_record; }
    /// The newest snapshot taken from the engine; null before the first.
    const emu::SnapshotPtr& latest() const { return m_latest; }
    std::shared_ptr<const emu::RunResult> result() const { return m_result; }
    /// Virtual seconds of the newest snapshot.
    double clockSeconds() const;
    /// The longest the window's thread spent taking snapshots out of the engine's mailbox
    /// (the only moment it shares a lock with the engine), in milliseconds.
    double longestHandOverMs() const { return m_longestHandOverMs; }

    /// The timeline of the current (or last) run, recorded sample by sample; null before
    /// the first run.
    const timeline::TimelineRecorder* recorder() const { return m_recorder.get(); }
    /// Pauses the run at the sample `breakpoint` first holds (this run and the next ones,
    /// until it fires).
    void addBreakpoint(const timeline::Breakpoint& breakpoint);
    void clearBreakpoints();
    const std::vector<timeline::Breakpoint>& breakpoints() const { return m_armed; }

    /// Serves real HTTP requests while runs go on (serve::LiveEndpoint on loopback, port
    /// 8080 or, when that is taken, a free one): from now on for the run going on, if any,
    /// and for every run started while it is on. Returns why it could not (the design has
    /// no clients node, no port), or an empty string.
    QString setLiveEndpoint(bool on);
    bool liveEndpointEnabled() const { return m_endpointWanted; }
    /// The address real requests go to, or empty while nothing is served.
    QString liveEndpointUrl() const;
    /// Why the endpoint could not open for the current run, or empty.
    const QString& liveEndpointError() const { return m_endpointError; }
    /// The current run counts real requests in series of their own (real_requests,
    /// real_failed): the endpoint was on when it started.
    bool recordsRealRequests() const { return m_recordsReal; }

    /// Sends a command to the running engine (a fault, a live property edit, a burst,
    /// chaos on or off, a note for the log); the simulation's CommandApplier applies it on
    /// the engine thread between events, and logs refusals as "fault_ignored".
    void send(comp::Command command);

    /// Takes what the engine published since the last frame and announces it. The frame
    /// timer calls this; tests may call it to step in lock with the engine.
    void drain();

    /// Drops the last run (stopping it if it runs) and starts every live view over on
    /// `design`, with no run: what opening or creating a design does.
    void forget(const design::Design& design);

Q_SIGNALS:
    /// The live views start over: a run is starting, or the design was replaced.
    void cleared();
    void started();
    /// Once per frame with the newest snapshot.
    void frame(const sb::emu::SnapshotPtr& latest);
    /// Series rows from `firstRow` on are new (or replaced after the engine merged rows).
    void rowsChanged(std::size_t firstRow);
    /// Events from `firstEvent` on are new.
    void eventsAdded(std::size_t firstEvent);
    /// Running, paused or finished changed.
    void stateChanged();
    void finished();
    /// A breakpoint held and paused the run at `seconds` of virtual time.
    void breakpointHit(const QString& breakpoint, double seconds);
    /// The live endpoint opened or closed.
    void liveEndpointChanged();

private:
    /// Stops and drops the last run; the record starts over on `design`'s nodes.
    void dropRun(const design::Design& design);
    void absorb(const emu::Snapshot& snapshot, std::size_t& firstRow, std::size_t& firstEvent);
    /// Opens the endpoint on the current run; returns (and keeps) why it could not.
    QString openEndpoint();
    QString tryOpenEndpoint();
    void closeEndpoint();

    QTimer m_frameTimer;
    std::shared_ptr<const design::Design> m_design;
    emu::RunSettings m_settings;
    std::unique_ptr<SnapshotMailbox> m_mailbox;
    std::unique_ptr<timeline::TimelineRecorder> m_recorder;
    std::unique_ptr<timeline::BreakpointSet> m_breakpointSet;
    std::vector<timeline::Breakpoint> m_armed;
    std::unique_ptr<emu::RunControl> m_control;
    std::vector<serve::EntryPoint> m_entries; ///< the current run's clients nodes
    bool m_endpointWanted = false;
    bool m_recordsReal = false;
    QString m_endpointError;
    std::uint16_t m_endpointPort = 8080;             ///< the last port served, tried first again
    std::unique_ptr<serve::LiveEndpoint> m_endpoint; ///< declared after m_control: goes first
    RunRecord m_record;
    std::shared_ptr<const std::vector<std::string>> m_columns; ///< m_record's, as last sent
    emu::SnapshotPtr m_latest;
    std::shared_ptr<const emu::RunResult> m_result;
    bool m_paused = false;
    double m_longestHandOverMs = 0;
};

} // namespace sb::gui
