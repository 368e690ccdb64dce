#include "emulator/RunMetrics.h"

namespace sb::emu {

RunMetrics::Interval RunMetrics::interval() const {
    static constexpr double kQuantiles[] = {0.50, 0.95, 0.99};
    Time at[3];
    m_interval.quantiles(kQuantiles, at, 3);
    return {m_intervalIssued, m_intervalOk,    m_intervalFailed,       toMillis(at[0]),
            toMillis(at[1]),  toMillis(at[2]), m_interval.mean() / 1e6};
}

void RunMetrics::resetInterval() {
    m_intervalIssued = m_intervalOk = m_intervalFailed = 0;
    m_interval.clear();
}

} // namespace sb::emu
