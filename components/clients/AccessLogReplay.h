#pragma once

#include "emulator/Request.h"

#include <cstdint>
#include <deque>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sb::comp {

/// One request of a replayed log: when it arrives (seconds after the log's first second,
/// before any time scaling), its class, path and client address.
struct ReplayArrival {
    double offsetSeconds = 0;
    emu::RequestClass cls = emu::RequestClass::Read;
    std::string path;
    std::string address;
};

/// A line that is not a request, and why.
struct MalformedLine {
    std::uint64_t line = 0; ///< 1-based
    std::string reason;
};

/// Streams the requests of an access log in arrival order with flat memory: lines are read
/// one at a time (a line longer than kMaxLineBytes is malformed and skipped to its end),
/// and only one second's requests are held at once. Logs stamp whole seconds, so the
/// requests of one second are spread evenly over it (k requests at (i + 0.5) / k); a time
/// with a fraction is used as it is. A line stamped earlier than the one before arrives
/// with it (counted as out of order). Malformed lines are counted and kept for the caller
/// to report.
class AccessLogReplay {
public:
    static constexpr std::size_t kMaxLineBytes = 16 * 1024;
    /// A second with more requests than this is spread in chunks of this many.
    static constexpr std::size_t kMaxSecondGroup = 65536;
    /// Malformed lines kept between two takeMalformed calls; all of them are counted.
    static constexpr std::size_t kMaxKeptMalformed = 1000;

    /// Opens a log file; throws std::invalid_argument naming it when it cannot be read.
    explicit AccessLogReplay(const std::string& path);
    /// Reads a log from a stream (tests, standard input).
    explicit AccessLogReplay(std::unique_ptr<std::istream> in);

    /// The next request, or empty at the end of the log.
    std::optional<ReplayArrival> next();
    /// The malformed lines found since the last call, oldest first (at most
    /// kMaxKeptMalformed of them).
    std::vector<MalformedLine> takeMalformed();

    std::uint64_t linesRead() const { return m_lineNumber; }
    std::uint64_t malformedCount() const { return m_malformedCount; }
    std::uint64_t outOfOrderCount() const { return m_outOfOrder; }
    std::uint64_t replayedCount() const { return m_replayed; }
    /// The mean request time the log recorded (seconds), over lines that carry one.
    std::optional<double> meanLoggedSeconds() const;

private:
    struct Pending {
        ReplayArrival arrival;
        double timestamp;
        bool subsecond;
    };
    bool readLine(std::string& out, bool& tooLong);
    std::optional<Pending> readRequest();
    void fillGroup();

    std::unique_ptr<std::istream> m_in;
    std::string m_buffer;
    std::uint64_t m_lineNumber = 0;
    std::uint64_t m_malformedCount = 0;
    std::uint64_t m_outOfOrder = 0;
    std::uint64_t m_replayed = 0;
    std::uint64_t m_timedLines = 0;
    double m_loggedSecondsSum = 0;
    std::vector<MalformedLine> m_malformed;
    std::optional<Pending> m_lookahead;
    std::deque<ReplayArrival> m_ready;
    std::optional<double> m_origin; ///< the first request's whole second
    double m_lastOffset = 0;
};

} // namespace sb::comp
