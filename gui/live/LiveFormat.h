#pragma once

#include <QString>
#include <cstdint>
#include <string_view>

namespace sb::gui {

/// "850 req/s", "12.4k req/s", "1.3M req/s".
QString formatRate(double rps);
/// "42", "12.4k", "1.3M".
QString formatCount(double value);
/// A duration in milliseconds to three figures: "0.42", "12.4", "118", "1.2k".
QString formatMs(double ms);
/// How a failure reason (by its result name) reads on a badge: "Overloaded", "Timeout",
/// "Node down"; a reason registered by a component reads as its name in words
/// ("rate_limited" as "Rate limited").
QString failReasonName(std::string_view reason);
/// A virtual time as "12.3 s" or "2:05.4".
QString formatClock(double seconds);

/// A caller's circuit breaker (call_policy), as its `breaker_open` gauge reports it: 0
/// closed, 0.5 half-open (probes only), 1 open (refusing the calls).
enum class BreakerState : std::uint8_t { Closed, HalfOpen, Open };
BreakerState breakerState(double breakerOpenGauge);

} // namespace sb::gui
