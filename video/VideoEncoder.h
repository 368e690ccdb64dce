#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sb::video {

/// The containers a run animation is written as: WebM (VP8), MP4 (H.264) or GIF.
enum class Format { Webm, Mp4, Gif };

/// "webm", "mp4" or "gif"; nothing for any other name.
std::optional<Format> formatNamed(std::string_view name);
const char* formatName(Format format);

/// Why a video cannot be written (the file, the codec, the disk), as a sentence.
class VideoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct VideoSettings {
    Format format = Format::Webm;
    int width = 0, height = 0; ///< even, at most kMaxSide
    int fps = 25;              ///< 1 to 60
};

/// Writes a video frame by frame with FFmpeg. The frames go to a temporary file beside
/// the target; finish() completes the file and renames it onto the target, so a video
/// that is abandoned (destroyed unfinished: cancelled, or an error thrown) leaves no file
/// and never replaces an older one. Every failure throws VideoError.
class VideoEncoder {
public:
    static constexpr int kMaxSide = 4096;

    VideoEncoder(const std::string& path, const VideoSettings& settings);
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    /// One frame of width × height pixels, each a native-endian 32-bit 0xAARRGGBB word
    /// (QImage's Format_RGB32), rows `bytesPerLine` apart.
    void addFrame(const std::uint8_t* pixels, int bytesPerLine);
    /// Flushes the encoder, writes the container's trailer and renames the file onto the
    /// target path.
    void finish();
    int frames() const { return m_frames; }

private:
    struct Impl;
    void send(bool flushing);
    std::unique_ptr<Impl> m_impl;
    VideoSettings m_settings;
    std::string m_path;
    int m_frames = 0;
};

} // namespace sb::video
