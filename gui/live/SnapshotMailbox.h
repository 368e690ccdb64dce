#pragma once

#include "emulator/RunObserver.h"
#include "emulator/RunResult.h"

#include <memory>
#include <mutex>
#include <vector>

namespace sb::gui {

/// The engine-to-window hand-over: the engine thread drops snapshots (and the final
/// result) in, the GUI thread takes them out at its own frame rate. Each side holds the
/// lock only to move a pointer, so neither ever waits on the other's work.
class SnapshotMailbox final : public emu::RunObserver {
public:
    void snapshot(emu::SnapshotPtr snapshot) override;
    void finished(std::shared_ptr<const emu::RunResult> result) override;

    /// Every snapshot published since the last call, oldest first.
    std::vector<emu::SnapshotPtr> take();
    /// The run's result once it finished, else null.
    std::shared_ptr<const emu::RunResult> result() const;

private:
    mutable std::mutex m_mutex;
    std::vector<emu::SnapshotPtr> m_pending;
    std::shared_ptr<const emu::RunResult> m_result;
};

} // namespace sb::gui
