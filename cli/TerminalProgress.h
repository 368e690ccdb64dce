#pragma once

#include "emulator/RunObserver.h"

#include <cstdio>
#include <string>

namespace sb::cli {

/// A progress bar for long work on a terminal: a run's virtual time and the writing of its
/// report, redrawn in place on one line. It draws only when enabled (stderr is a
/// terminal) and only once the work has taken `delaySeconds` of wall time, so short runs
/// and redirected output stay clean. Wall time comes from the engine's snapshots.
class TerminalProgress final : public emu::RunObserver {
public:
    TerminalProgress(std::FILE* out, bool enabled, double delaySeconds = 0.5);
    ~TerminalProgress() override;

    void snapshot(emu::SnapshotPtr snapshot) override;
    /// Another stage after the run (writing the report), `done` from 0 to 1.
    void stage(const std::string& what, double done);
    /// Ends the line the bar is on, if one was drawn.
    void finish();
    /// Whether anything was drawn.
    bool drawn() const { return m_drawn; }

private:
    void draw(double fraction, const std::string& text);

    std::FILE* m_out;
    bool m_enabled;
    double m_delay;
    bool m_drawn = false;
    bool m_open = false; ///< a bar is on the current line
    int m_lastPermille = -1;
};

} // namespace sb::cli
