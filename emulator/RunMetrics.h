#pragma once

#include "emulator/LatencyHistogram.h"
#include "emulator/Outcomes.h"
#include "emulator/Request.h"

#include <array>
#include <cstdint>

namespace sb::emu {

/// Client-side outcome counters for the whole run (after warm-up) and for the current
/// sampling interval.
class RunMetrics {
public:
    void setWarmupEnd(Time t) { m_warmupEnd = t; }
    Time warmupEnd() const { return m_warmupEnd; }

    void recordIssued(Time now) {
        ++m_intervalIssued;
        if (now >= m_warmupEnd)
            ++m_issued;
    }
    void recordOutcome(Time now, const Request& r, Time latency) {
        const bool ok = !r.failed();
        if (ok) {
            ++m_intervalOk;
            m_interval.record(latency);
        } else {
            ++m_intervalFailed;
        }
        if (now < m_warmupEnd)
            return;
        if (ok) {
            ++m_ok;
            m_latency.record(latency);
            ++m_okByClass[static_cast<int>(r.cls)];
        } else {
            ++m_failed;
            ++m_failedByReason[static_cast<int>(r.failure)];
            ++m_failedByClass[static_cast<int>(r.cls)];
        }
    }

    std::uint64_t issued() const { return m_issued; }
    std::uint64_t ok() const { return m_ok; }
    std::uint64_t failed() const { return m_failed; }
    const LatencyHistogram& latency() const { return m_latency; }
    std::uint64_t failedBy(FailReason r) const { return m_failedByReason[static_cast<int>(r)]; }
    std::uint64_t okBy(RequestClass c) const { return m_okByClass[static_cast<int>(c)]; }
    std::uint64_t failedBy(RequestClass c) const { return m_failedByClass[static_cast<int>(c)]; }

    /// Interval counters, read and then reset by the series sampler.
    struct Interval {
        std::uint64_t issued, ok, failed;
        double p50, p95, p99, mean; // ms
    };
    Interval interval() const;
    /// The latency of the requests that succeeded in the current interval.
    const IntervalHistogram& intervalLatency() const { return m_interval; }
    void resetInterval();

private:
    Time m_warmupEnd = 0;
    std::uint64_t m_issued = 0, m_ok = 0, m_failed = 0;
    FailureCounts m_failedByReason{};
    std::array<std::uint64_t, kRequestClassCount> m_okByClass{};
    std::array<std::uint64_t, kRequestClassCount> m_failedByClass{};
    LatencyHistogram m_latency;
    IntervalHistogram m_interval;
    std::uint64_t m_intervalIssued = 0, m_intervalOk = 0, m_intervalFailed = 0;
};

} // namespace sb::emu
