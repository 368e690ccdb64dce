#pragma once

#include "emulator/Snapshot.h"

namespace sb::emu {

struct RunResult;

/// The one way the engine talks outward. Called on the engine's thread: implementations
/// hand the data to their own thread and return at once.
class RunObserver {
public:
    virtual ~RunObserver() = default;
    virtual void snapshot(SnapshotPtr snapshot) = 0;
    virtual void finished(std::shared_ptr<const RunResult> result) { (void)result; }
};

} // namespace sb::emu
