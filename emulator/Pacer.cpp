#include "emulator/Pacer.h"

#include <algorithm>
#include <thread>

namespace sb::emu {

RealTimePacer::RealTimePacer(const Kernel& kernel, const std::atomic<bool>& attention, double speed)
    : m_kernel(kernel)
    , m_attention(attention)
    , m_speed(speed)
    , m_wallStart(Clock::now()) {}

void RealTimePacer::rebase(Time now) {
    m_virtualStart = now;
    m_wallStart = Clock::now();
}

void RealTimePacer::setSpeed(double speed, Time now) {
    m_speed = speed;
    rebase(now);
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
        const auto now = Clock::now();
        if (now >= target) {
            m_behindMs = std::chrono::duration<double, std::milli>(now - target).count();
            return true;
        }
        m_behindMs = 0;
        std::this_thread::sleep_for(
            std::min<Clock::duration>(target - now, std::chrono::milliseconds(10)));
    }
}

} // namespace sb::emu
