#pragma once

#include "emulator/RandomStream.h"
#include "emulator/ServiceTime.h"
#include "emulator/Time.h"

namespace sb::comp {

/// Replication lag that varies over time: a new level is drawn from a distribution every
/// period and the lag moves linearly between levels. Writes committed close together see
/// close lags, so a stream applied in order still lags by about the mean, and the writes
/// in flight when a primary dies average write rate x mean lag.
class LagProcess {
public:
    LagProcess() = default;
    LagProcess(emu::ServiceTime levels, emu::Time period, emu::RandomStream rng);

    /// The lag of a write committed at `t`; calls must come with non-decreasing `t`.
    emu::Time at(emu::Time t);

private:
    emu::ServiceTime m_levels;
    emu::Time m_period = emu::kSecond;
    emu::RandomStream m_rng;
    emu::Time m_from = 0, m_to = 0;
    emu::Time m_fromLevel = 0, m_toLevel = 0;
    bool m_started = false;
};

} // namespace sb::comp
