#pragma once

#include <optional>
#include <string>

namespace sb::timeline {

/// A stretch of a recorded run played back as an animation: from `from` to `to` virtual
/// seconds (to the run's end when `to` is not given), `speed` virtual seconds per second of
/// video, at `fps` frames a second. Frame i shows the moment from + i · speed / fps.
struct Clip {
    double from = 0;
    std::optional<double> to;
    double speed = 1;
    int fps = 25;

    /// Why the clip cannot be taken from a run of `runSeconds` virtual seconds (a start
    /// after the end, a start beyond the run, a speed or frame rate out of range, a video of
    /// more than kMaxFrames frames), or an empty string.
    std::string problem(double runSeconds) const;
    /// The end, `to` or the run's.
    double end(double runSeconds) const { return to.value_or(runSeconds); }
    /// Frames in the video: the clip's length over the speed, at fps, at least one.
    int frames(double runSeconds) const;
    /// The virtual second frame `frame` shows.
    double timeOf(int frame) const { return from + frame * speed / fps; }

    /// Frames a second when none is asked for: 25 for a video, 10 for a GIF (whose frame
    /// delays are whole hundredths of a second).
    static constexpr int kVideoFps = 25, kGifFps = 10;
    static constexpr double kMinSpeed = 0.1, kMaxSpeed = 100;
    static constexpr int kMaxFps = 60;
    static constexpr int kMaxFrames = 36000; ///< ten minutes at 60 frames a second
};

} // namespace sb::timeline
