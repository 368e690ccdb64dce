#include "emulator/Pacer.h"

#include <algorithm>

namespace sb::emu {

void SteadyWallClock::sleepFor(Clock::duration d) {
    std::unique_lock lock(m_mutex);
    m_woken.wait_for(lock, d, [this] { return m_wake; });
    m_wake = false;
}

void SteadyWallClock::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_wake = true;
    }
    m_woken.notify_all();
}

RealTimePacer::RealTimePacer(const Kernel& kernel, const std::atomic<bool>& attention, double speed,
                             WallClock& clock)
    : m_kernel(kernel)
    , m_attention(attention)
    , m_clock(clock)
    , m_speed(speed)
    , m_wallStart(clock.now()) {
    setIdle(speed <= 0);
}

void RealTimePacer::rebase(Time now) {
    m_virtualStart = now;
    m_wallStart = m_clock.now();
}

void RealTimePacer::setSpeed(double speed, Time now) {
    m_speed = speed;
    setIdle(speed <= 0);
    rebase(now);
}

Time RealTimePacer::virtualNow() const {
    if (m_speed <= 0)
        return m_kernel.now();
    const double elapsed =
        std::chrono::duration<double, std::nano>(m_clock.now() - m_wallStart).count();
    return std::max(m_kernel.now(), m_virtualStart + static_cast<Time>(elapsed * m_speed));
}

bool RealTimePacer::waitUntil(Time t) {
    if (m_speed <= 0)
        return true; // as fast as possible
    const auto offset = std::chrono::nanoseconds(
        static_cast<std::int64_t>(static_cast<double>(t - m_virtualStart) / m_speed));
    const auto target = m_wallStart + offset;
    for (;;) {
        if (m_attention.load(std::memory_order_acquire))
            return true; // let the kernel serve the interrupt; it will ask again
        const auto now = m_clock.now();
        if (now >= target) {
            m_behindMs = std::chrono::duration<double, std::milli>(now - target).count();
            return true;
        }
        m_behindMs = 0;
        m_clock.sleepFor(std::min<Clock::duration>(target - now, std::chrono::milliseconds(10)));
    }
}

} // namespace sb::emu
