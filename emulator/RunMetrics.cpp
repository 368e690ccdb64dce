#include "emulator/RunMetrics.h"

namespace sb::emu {

RunMetrics::Interval RunMetrics::interval() const {
    return {m_intervalIssued,
            m_intervalOk,
            m_intervalFailed,
            toMillis(m_interval.quantile(0.50)),
            toMillis(m_interval.quantile(0.95)),
            toMillis(m_interval.quantile(0.99)),
            m_interval.mean() / 1e6};
}

void RunMetrics::resetInterval() {
    m_intervalIssued = m_intervalOk = m_intervalFailed = 0;
    m_interval.clear();
}

} // namespace sb::emu
