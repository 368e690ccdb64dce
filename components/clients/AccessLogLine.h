#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sb::comp {

/// One request from a web server's access log, in the common or combined log format of
/// nginx and Apache (`host ident user [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.1" 200 2326`,
/// then optionally `"referer" "agent"`, then optionally the request's time).
struct AccessLogLine {
    std::string address;    ///< the client (host) field
    double timestamp = 0;   ///< seconds since 1970-01-01 UTC
    bool subsecond = false; ///< the time had a fraction (`13:55:36.250`)
    std::string method;
    std::string path;
    int status = 0;
    /// The logged request time, when the line ends with one: a number with a point is
    /// seconds (nginx `$request_time`), a whole number microseconds (Apache `%D`).
    std::optional<double> requestSeconds;
};

/// Parses one line; on failure returns why ("no [date] field", "bad status '2x0'").
std::variant<AccessLogLine, std::string> parseAccessLogLine(std::string_view line);

} // namespace sb::comp
