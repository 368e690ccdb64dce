#include "video/VideoEncoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace sb::video {

namespace {

std::string averror(int code) {
    std::array<char, AV_ERROR_MAX_STRING_SIZE> text{};
    av_strerror(code, text.data(), text.size());
    return text.data();
}

/// A GIF's fixed palette: the 6 × 6 × 6 colour cube and 40 greys between black and white
/// (a diagram is mostly light greys, text and a few saturated colours).
std::array<std::uint32_t, 256> gifPalette() {
    std::array<std::uint32_t, 256> palette{};
    std::size_t i = 0;
    for (int r = 0; r < 6; ++r)
        for (int g = 0; g < 6; ++g)
            for (int b = 0; b < 6; ++b)
                palette[i++] = 0xff000000u | std::uint32_t(r * 51) << 16 |
                               std::uint32_t(g * 51) << 8 | std::uint32_t(b * 51);
    for (int k = 1; i < palette.size(); ++k) {
        const auto v = std::uint32_t((k * 255 + 20) / 41);
        palette[i++] = 0xff000000u | v << 16 | v << 8 | v;
    }
    return palette;
}

/// The nearest palette entry for every colour at five bits a channel.
std::vector<std::uint8_t> nearestEntries(const std::array<std::uint32_t, 256>& palette) {
    std::vector<std::uint8_t> lut(1u << 15);
    for (std::uint32_t key = 0; key < lut.size(); ++key) {
        const auto widen = [](std::uint32_t five) { return int(five << 3 | five >> 2); };
        const int r = widen(key >> 10 & 31), g = widen(key >> 5 & 31), b = widen(key & 31);
        int best = 0;
        int bestDistance = 1 << 30;
        for (int e = 0; e < 256; ++e) {
            const std::uint32_t c = palette[std::size_t(e)];
            const int dr = r - int(c >> 16 & 255), dg = g - int(c >> 8 & 255),
                      db = b - int(c & 255);
            const int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = e;
            }
        }
        lut[key] = std::uint8_t(best);
    }
    return lut;
}

} // namespace

std::optional<Format> formatNamed(std::string_view name) {
    if (name == "webm")
        return Format::Webm;
    if (name == "mp4")
        return Format::Mp4;
    if (name == "gif")
        return Format::Gif;
    return std::nullopt;
}

const char* formatName(Format format) {
    switch (format) {
    case Format::Webm:
        return "webm";
    case Format::Mp4:
        return "mp4";
    case Format::Gif:
        return "gif";
    }
    return "webm";
}

// Deleters of FFmpeg's objects (named: VideoEncoder::Impl holds them).
namespace ffmpeg {

struct FormatDeleter {
    void operator()(AVFormatContext* f) const {
        if (f->pb)
            avio_closep(&f->pb);
        avformat_free_context(f);
    }
};
struct CodecDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct ScalerDeleter {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};

} // namespace ffmpeg

struct VideoEncoder::Impl {
    std::string temporary; ///< removed when the encoder goes unfinished
    std::unique_ptr<AVFormatContext, ffmpeg::FormatDeleter> container;
    std::unique_ptr<AVCodecContext, ffmpeg::CodecDeleter> codec;
    AVStream* stream = nullptr; ///< owned by the container
    std::unique_ptr<SwsContext, ffmpeg::ScalerDeleter> scaler;
    std::unique_ptr<AVFrame, ffmpeg::FrameDeleter> frame;
    std::unique_ptr<AVPacket, ffmpeg::PacketDeleter> packet;
    std::array<std::uint32_t, 256> palette{};
    std::vector<std::uint8_t> nearest;

    ~Impl() {
        container.reset(); // closes the file before it is removed
        if (!temporary.empty())
            std::remove(temporary.c_str());
    }
};

VideoEncoder::VideoEncoder(const std::string& path, const VideoSettings& settings)
    : m_impl(std::make_unique<Impl>())
    , m_settings(settings)
    , m_path(path) {
    namespace fs = std::filesystem;
    const auto fail = [&path](const std::string& why) {
        throw VideoError("cannot write the video " + path + ": " + why);
    };
    if (path.empty() || path == "-")
        fail("a video is written to a file, not to standard output");
    if (settings.width <= 0 || settings.height <= 0 || settings.width % 2 != 0 ||
        settings.height % 2 != 0 || settings.width > kMaxSide || settings.height > kMaxSide)
        fail("the frame size " + std::to_string(settings.width) + " x " +
             std::to_string(settings.height) + " must be even and at most " +
             std::to_string(kMaxSide) + " pixels a side");
    if (settings.fps < 1 || settings.fps > 60)
        fail("the frame rate must be from 1 to 60 frames a second, not " +
             std::to_string(settings.fps));
    // FFmpeg's own chatter (codec banners, statistics) stays off the terminal; errors reach
    // the caller as VideoError.
    av_log_set_level(AV_LOG_ERROR);
    std::error_code ec;
    if (fs::is_directory(path, ec))
        fail("it is a folder");
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec))
        fail("the folder " + folder.string() + " does not exist");
    m_impl->temporary =
        (folder / ("." + target.filename().string() + "." + std::to_string(::getpid()) + ".part"))
            .string();

    AVFormatContext* container = nullptr;
    int rc = avformat_alloc_output_context2(&container, nullptr, formatName(settings.format),
                                            m_impl->temporary.c_str());
    if (rc < 0 || !container)
        fail("FFmpeg has no " + std::string(formatName(settings.format)) + " muxer (" +
             averror(rc) + ")");
    m_impl->container.reset(container);

    const AVCodecID id = settings.format == Format::Webm  ? AV_CODEC_ID_VP8
                         : settings.format == Format::Mp4 ? AV_CODEC_ID_H264
                                                          : AV_CODEC_ID_GIF;
    const AVCodec* encoder = avcodec_find_encoder(id);
    if (!encoder)
        fail(std::string("FFmpeg has no ") + avcodec_get_name(id) + " encoder");
    m_impl->stream = avformat_new_stream(container, nullptr);
    m_impl->codec.reset(avcodec_alloc_context3(encoder));
    if (!m_impl->stream || !m_impl->codec)
        fail("out of memory");
    AVCodecContext* c = m_impl->codec.get();
    c->width = settings.width;
    c->height = settings.height;
    c->time_base = AVRational{1, settings.fps};
    c->framerate = AVRational{settings.fps, 1};
    c->thread_count = 2;
    if (settings.format == Format::Gif) {
        c->pix_fmt = AV_PIX_FMT_PAL8;
    } else {
        c->pix_fmt = AV_PIX_FMT_YUV420P;
        c->gop_size = settings.fps * 2;
        c->color_range = AVCOL_RANGE_MPEG;
    }
    if (settings.format == Format::Webm) {
        // Sharp text and lines: a generous bit rate, VP8's "good" quality at a quick speed.
        c->bit_rate = std::max<std::int64_t>(1'000'000, std::int64_t(settings.width) *
                                                            settings.height * settings.fps / 8);
        av_opt_set(c->priv_data, "deadline", "good", 0);
        av_opt_set(c->priv_data, "cpu-used", "4", 0);
        av_opt_set(c->priv_data, "crf", "8", 0);
    } else if (settings.format == Format::Mp4) {
        av_opt_set(c->priv_data, "preset", "veryfast", 0);
        av_opt_set(c->priv_data, "crf", "20", 0);
    }
    if (container->oformat->flags & AVFMT_GLOBALHEADER)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if ((rc = avcodec_open2(c, encoder, nullptr)) < 0)
        fail(std::string("cannot open the ") + encoder->name + " encoder: " + averror(rc));
    if ((rc = avcodec_parameters_from_context(m_impl->stream->codecpar, c)) < 0)
        fail(averror(rc));
    m_impl->stream->time_base = c->time_base;
    // The muxer needs the frame rate on the stream too: without it, MP4's last frame
    // gets no duration and players (and ffprobe) see one frame fewer.
    m_impl->stream->avg_frame_rate = c->framerate;
    if ((rc = avio_open(&container->pb, m_impl->temporary.c_str(), AVIO_FLAG_WRITE)) < 0)
        fail(averror(rc));
    if ((rc = avformat_write_header(container, nullptr)) < 0)
        fail(averror(rc));

    m_impl->frame.reset(av_frame_alloc());
    m_impl->packet.reset(av_packet_alloc());
    if (!m_impl->frame || !m_impl->packet)
        fail("out of memory");
    AVFrame* f = m_impl->frame.get();
    f->format = c->pix_fmt;
    f->width = c->width;
    f->height = c->height;
    if ((rc = av_frame_get_buffer(f, 0)) < 0)
        fail(averror(rc));
    if (settings.format == Format::Gif) {
        m_impl->palette = gifPalette();
        m_impl->nearest = nearestEntries(m_impl->palette);
    } else {
        m_impl->scaler.reset(sws_getContext(c->width, c->height, AV_PIX_FMT_RGB32, c->width,
                                            c->height, c->pix_fmt, SWS_BICUBIC, nullptr, nullptr,
                                            nullptr));
        if (!m_impl->scaler)
            fail("cannot convert the frames' pixels for the encoder");
    }
}

VideoEncoder::~VideoEncoder() = default;

void VideoEncoder::addFrame(const std::uint8_t* pixels, int bytesPerLine) {
    if (!m_impl->codec)
        throw VideoError("the video " + m_path + " is already finished");
    AVFrame* f = m_impl->frame.get();
    int rc = av_frame_make_writable(f);
    if (rc < 0)
        throw VideoError("cannot write the video " + m_path + ": " + averror(rc));
    if (m_settings.format == Format::Gif) {
        for (int y = 0; y < m_settings.height; ++y) {
            const auto* row = reinterpret_cast<const std::uint32_t*>(pixels + y * bytesPerLine);
            std::uint8_t* out = f->data[0] + y * f->linesize[0];
            for (int x = 0; x < m_settings.width; ++x) {
                const std::uint32_t p = row[x];
                out[x] = m_impl->nearest[(p >> 9 & 0x7c00) | (p >> 6 & 0x3e0) | (p >> 3 & 0x1f)];
            }
        }
        std::memcpy(f->data[1], m_impl->palette.data(), sizeof m_impl->palette);
    } else {
        const std::uint8_t* source[1] = {pixels};
        const int stride[1] = {bytesPerLine};
        sws_scale(m_impl->scaler.get(), source, stride, 0, m_settings.height, f->data, f->linesize);
    }
    f->pts = m_frames;
    if ((rc = avcodec_send_frame(m_impl->codec.get(), f)) < 0)
        throw VideoError("cannot encode the video " + m_path + ": " + averror(rc));
    ++m_frames;
    send(false);
}

void VideoEncoder::send(bool flushing) {
    AVPacket* p = m_impl->packet.get();
    for (;;) {
        const int rc = avcodec_receive_packet(m_impl->codec.get(), p);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return;
        if (rc < 0)
            throw VideoError("cannot encode the video " + m_path + ": " + averror(rc));
        av_packet_rescale_ts(p, m_impl->codec->time_base, m_impl->stream->time_base);
        p->stream_index = m_impl->stream->index;
        if (const int written = av_interleaved_write_frame(m_impl->container.get(), p); written < 0)
            throw VideoError("cannot write the video " + m_path + ": " + averror(written) +
                             (flushing ? " (while finishing it)" : ""));
    }
}

void VideoEncoder::finish() {
    if (!m_impl->codec)
        throw VideoError("the video " + m_path + " is already finished");
    int rc = avcodec_send_frame(m_impl->codec.get(), nullptr);
    if (rc < 0)
        throw VideoError("cannot finish the video " + m_path + ": " + averror(rc));
    send(true);
    AVFormatContext* container = m_impl->container.get();
    if ((rc = av_write_trailer(container)) < 0)
        throw VideoError("cannot finish the video " + m_path + ": " + averror(rc));
    if ((rc = avio_closep(&container->pb)) < 0)
        throw VideoError("cannot write the video " + m_path + ": " + averror(rc));
    m_impl->codec.reset();
    if (std::rename(m_impl->temporary.c_str(), m_path.c_str()) != 0)
        throw VideoError("cannot write the video " + m_path + ": " + std::strerror(errno));
    m_impl->temporary.clear();
}

} // namespace sb::video
