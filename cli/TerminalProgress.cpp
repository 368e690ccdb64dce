#include "cli/TerminalProgress.h"

#include <algorithm>

namespace sb::cli {

TerminalProgress::TerminalProgress(std::FILE* out, bool enabled, double delaySeconds)
    : m_out(out)
    , m_enabled(enabled)
    , m_delay(delaySeconds) {}

TerminalProgress::~TerminalProgress() {
    finish();
}

void TerminalProgress::snapshot(emu::SnapshotPtr s) {
    if (!m_enabled || s->duration <= 0)
        return;
    if (!m_drawn && s->wallSeconds < m_delay)
        return;
    const double fraction = static_cast<double>(s->now) / static_cast<double>(s->duration);
    char text[96];
    std::snprintf(text, sizeof text, "run %5.1f%%  %.1f of %.1f virtual s, %.1f s wall",
                  fraction * 100, emu::toSeconds(s->now), emu::toSeconds(s->duration),
                  s->wallSeconds);
    draw(fraction, text);
}

void TerminalProgress::stage(const std::string& what, double done) {
    // A stage draws once a run drew (the work is long), or when it is the only work.
    if (!m_enabled)
        return;
    char text[96];
    std::snprintf(text, sizeof text, "%s %5.1f%%", what.c_str(), done * 100);
    draw(done, text);
}

void TerminalProgress::draw(double fraction, const std::string& text) {
    fraction = std::clamp(fraction, 0.0, 1.0);
    const int permille = static_cast<int>(fraction * 1000);
    if (m_open && permille == m_lastPermille)
        return;
    m_lastPermille = permille;
    constexpr int width = 30;
    const int filled = static_cast<int>(fraction * width);
    // \r back to the line's start, \033[K clears what a longer text left.
    std::fprintf(m_out, "\r[%s%s] %s\033[K", std::string(std::size_t(filled), '#').c_str(),
                 std::string(std::size_t(width - filled), '.').c_str(), text.c_str());
    std::fflush(m_out);
    m_drawn = true;
    m_open = true;
}

void TerminalProgress::finish() {
    if (!m_open)
        return;
    std::fprintf(m_out, "\r\033[K");
    std::fflush(m_out);
    m_open = false;
}

} // namespace sb::cli
