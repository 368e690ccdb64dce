#pragma once

#include "emulator/Outcomes.h"

namespace sb::emu {
class Simulation;
}

namespace sb::comp {

/// The failure reasons and counters the built-in kinds share. They are registered in
/// every simulation the builder makes, before any node, so a result's `data` object
/// always has these counters (stale_reads and lost_writes also as series columns) and the
/// codes are the same in every run.
struct CommonOutcomes {
    emu::FailReason sessionLost;    ///< its session was not found
    emu::FailReason writeRejected;  ///< a write with no primary to take it (failover window)
    emu::CounterId staleReads;      ///< reads that returned an older version than the truth
    emu::CounterId lostWrites;      ///< acknowledged writes missing after a failover
    emu::CounterId recoveredWrites; ///< lost writes brought back by a recovery script
    emu::CounterId conflicts;       ///< conflicting concurrent writes (multi-primary)
    emu::CounterId sessionMisses;   ///< requests that found no session where they landed
    emu::CounterId lostMessages;    ///< queued messages lost with an unreplicated queue
};

/// This simulation's common outcomes, registered on first use.
const CommonOutcomes& commonOutcomes(emu::Simulation& sim);

} // namespace sb::comp
