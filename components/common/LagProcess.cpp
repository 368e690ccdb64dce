#include "components/common/LagProcess.h"

namespace sb::comp {

LagProcess::LagProcess(emu::ServiceTime levels, emu::Time period, emu::RandomStream rng)
    : m_levels(levels)
    , m_period(period > 0 ? period : emu::kSecond)
    , m_rng(rng) {}

emu::Time LagProcess::at(emu::Time t) {
    if (m_levels.mean() <= 0)
        return 0;
    if (!m_started) {
        m_started = true;
        m_from = t;
        m_to = t + m_period;
        m_fromLevel = m_levels.sample(m_rng);
        m_toLevel = m_levels.sample(m_rng);
    }
    if (t >= m_to + m_period) {
        // A long quiet gap: start over at t rather than walking every missed period.
        m_from = t;
        m_to = t + m_period;
        m_fromLevel = m_levels.sample(m_rng);
        m_toLevel = m_levels.sample(m_rng);
    }
    while (t >= m_to) {
        m_from = m_to;
        m_to += m_period;
        m_fromLevel = m_toLevel;
        m_toLevel = m_levels.sample(m_rng);
    }
    const double f = static_cast<double>(t - m_from) / static_cast<double>(m_to - m_from);
    return m_fromLevel + static_cast<emu::Time>(f * static_cast<double>(m_toLevel - m_fromLevel));
}

} // namespace sb::comp
