#pragma once

#include <cstdint>

namespace sb::emu {

/// Virtual time in integer nanoseconds.
using Time = std::int64_t;

inline constexpr Time kNanosecond = 1;
inline constexpr Time kMicrosecond = 1000;
inline constexpr Time kMillisecond = 1000 * kMicrosecond;
inline constexpr Time kSecond = 1000 * kMillisecond;
inline constexpr Time kNever = INT64_MAX;

constexpr Time fromSeconds(double s) {
    return static_cast<Time>(s * 1e9 + (s >= 0 ? 0.5 : -0.5));
}
constexpr Time fromMillis(double ms) {
    return static_cast<Time>(ms * 1e6 + (ms >= 0 ? 0.5 : -0.5));
}
constexpr double toSeconds(Time t) {
    return static_cast<double>(t) / 1e9;
}
constexpr double toMillis(Time t) {
    return static_cast<double>(t) / 1e6;
}

} // namespace sb::emu
