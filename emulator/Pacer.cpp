#include "emulator/Pacer.h"

#include <algorithm>
#include <thread>

namespace sb::emu {

WallClock& WallClock::system() {
    class Steady final : public WallClock {
    public:
        Clock::time_point now() override { return Clock::now(); }
        void sleepFor(Clock::duration d) override { std::this_thread::sleep_for(d); }
    };
    static Steady steady;
    return steady;
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
