#include "timeline/Clip.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sb::timeline {

namespace {

std::string typedNumber(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

std::string typedSeconds(double s) {
    return typedNumber(s) + " s";
}

} // namespace

std::string Clip::problem(double runSeconds) const {
    const double last = end(runSeconds);
    if (!std::isfinite(from) || from < 0)
        return "--from must be a number of seconds from 0, got " + typedSeconds(from);
    if (to && !std::isfinite(*to))
        return "--to must be a number of seconds";
    if (from >= last && to)
        return "--from (" + typedSeconds(from) + ") must come before --to (" + typedSeconds(*to) +
               ")";
    if (from >= runSeconds)
        return "--from (" + typedSeconds(from) + ") is beyond the run, which lasts " +
               typedSeconds(runSeconds);
    if (last > runSeconds + 1e-9)
        return "--to (" + typedSeconds(last) + ") is beyond the run, which lasts " +
               typedSeconds(runSeconds);
    if (!std::isfinite(speed) || speed < kMinSpeed || speed > kMaxSpeed)
        return "--speed must be from 0.1 to 100 virtual seconds a second of video, got " +
               typedNumber(speed);
    if (fps < 1 || fps > kMaxFps)
        return "--fps must be from 1 to 60, got " + std::to_string(fps);
    if (frames(runSeconds) > kMaxFrames)
        return "the video would have " + std::to_string(frames(runSeconds)) +
               " frames, more than " + std::to_string(kMaxFrames) +
               ": take a shorter stretch (--from, --to) or a higher --speed";
    return {};
}

int Clip::frames(double runSeconds) const {
    const double length = (end(runSeconds) - from) / speed * fps;
    if (!(length > 0))
        return 1;
    return std::max(1, int(std::min(std::llround(length), static_cast<long long>(kMaxFrames) + 1)));
}

} // namespace sb::timeline
