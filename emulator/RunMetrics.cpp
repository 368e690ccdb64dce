#include "emulator/RunMetrics.h"

namespace sb::emu {

RunMetrics::Interval RunMetrics::takeInterval() {
    Interval out{m_intervalIssued,
                 m_intervalOk,
                 m_intervalFailed,
                 toMillis(m_interval.quantile(0.50)),
                 toMillis(m_interval.quantile(0.95)),
                 toMillis(m_interval.quantile(0.99)),
                 m_interval.mean() / 1e6};
    m_intervalIssued = m_intervalOk = m_intervalFailed = 0;
    m_interval.clear();
    return out;
}

} // namespace sb::emu
