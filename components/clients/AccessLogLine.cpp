#include "components/clients/AccessLogLine.h"

#include <array>
#include <charconv>
#include <cstdint>

namespace sb::comp {

namespace {

/// Reads fields left to right; every step returns false when the line does not fit.
class FieldCursor {
public:
    explicit FieldCursor(std::string_view text)
        : m_rest(text) {}

    void skipSpaces() {
        while (!m_rest.empty() && (m_rest.front() == ' ' || m_rest.front() == '\t'))
            m_rest.remove_prefix(1);
    }
    bool atEnd() {
        skipSpaces();
        return m_rest.empty();
    }
    /// A field up to the next space.
    std::string_view word() {
        skipSpaces();
        const std::size_t end = m_rest.find_first_of(" \t");
        const std::string_view w = m_rest.substr(0, end);
        m_rest.remove_prefix(w.size());
        return w;
    }
    /// `open ... close`, the text between; false when absent or unclosed.
    bool bracketed(char open, char close, std::string& out) {
        skipSpaces();
        if (m_rest.empty() || m_rest.front() != open)
            return false;
        out.clear();
        for (std::size_t i = 1; i < m_rest.size(); ++i) {
            const char c = m_rest[i];
            if (c == '\\' && open == '"' && i + 1 < m_rest.size()) {
                out.push_back(m_rest[++i]);
                continue;
            }
            if (c == close) {
                m_rest.remove_prefix(i + 1);
                return true;
            }
            out.push_back(c);
        }
        return false;
    }
    bool startsWith(char c) {
        skipSpaces();
        return !m_rest.empty() && m_rest.front() == c;
    }

private:
    std::string_view m_rest;
};

bool wholeNumber(std::string_view text, long long& out) {
    if (text.empty())
        return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc{} && end == text.data() + text.size();
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian; H. Hinnant's algorithm).
long long daysFromCivil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

bool twoDigits(std::string_view t, std::size_t at, unsigned& out) {
    if (at + 2 > t.size() || t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9')
        return false;
    out = static_cast<unsigned>((t[at] - '0') * 10 + (t[at + 1] - '0'));
    return true;
}

/// `10/Oct/2000:13:55:36 -0700` or with a fraction, `10/Oct/2000:13:55:36.250 -0700`.
std::string parseClfTime(std::string_view t, double& seconds, bool& subsecond) {
    static constexpr std::array<std::string_view, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    unsigned day = 0, hour = 0, minute = 0, second = 0;
    if (t.size() < 20 || !twoDigits(t, 0, day) || t[2] != '/' || t[6] != '/' || t[11] != ':' ||
        t[14] != ':' || t[17] != ':')
        return "bad date '" + std::string(t) + "' (expected 10/Oct/2000:13:55:36 -0700)";
    unsigned month = 0;
    for (unsigned i = 0; i < months.size(); ++i)
        if (t.substr(3, 3) == months[i])
            month = i + 1;
    long long year = 0;
    if (month == 0 || !wholeNumber(t.substr(7, 4), year) || !twoDigits(t, 12, hour) ||
        !twoDigits(t, 15, minute) || !twoDigits(t, 18, second) || day < 1 || day > 31 ||
        hour > 23 || minute > 59 || second > 60)
        return "bad date '" + std::string(t) + "' (expected 10/Oct/2000:13:55:36 -0700)";
    std::size_t at = 20;
    double fraction = 0;
    subsecond = false;
    if (at < t.size() && t[at] == '.') {
        double scale = 0.1;
        ++at;
        const std::size_t digits = at;
        while (at < t.size() && t[at] >= '0' && t[at] <= '9') {
            fraction += (t[at] - '0') * scale;
            scale /= 10;
            ++at;
        }
        if (at == digits)
            return "bad date '" + std::string(t) + "' (no digits after the point)";
        subsecond = true;
    }
    if (at + 6 != t.size() || t[at] != ' ' || (t[at + 1] != '+' && t[at + 1] != '-'))
        return "bad time zone in '" + std::string(t) + "' (expected +hhmm or -hhmm)";
    unsigned zoneHours = 0, zoneMinutes = 0;
    if (!twoDigits(t, at + 2, zoneHours) || !twoDigits(t, at + 4, zoneMinutes) || zoneMinutes > 59)
        return "bad time zone in '" + std::string(t) + "' (expected +hhmm or -hhmm)";
    const long long zone = (t[at + 1] == '-' ? -1 : 1) * (zoneHours * 3600LL + zoneMinutes * 60LL);
    const long long local =
        daysFromCivil(year, month, day) * 86400 + hour * 3600LL + minute * 60LL + second;
    seconds = static_cast<double>(local - zone) + fraction;
    return {};
}

bool isToken(std::string_view method) {
    if (method.empty() || method.size() > 16)
        return false;
    for (char c : method)
        if (c < 'A' || c > 'Z')
            return false;
    return true;
}

std::string clip(std::string_view text) {
    return text.size() <= 40 ? std::string(text) : std::string(text.substr(0, 40)) + "...";
}

} // namespace

std::variant<AccessLogLine, std::string> parseAccessLogLine(std::string_view text) {
    if (!text.empty() && text.back() == '\r')
        text.remove_suffix(1);
    FieldCursor in(text);
    AccessLogLine line;
    line.address = std::string(in.word());
    if (line.address.empty())
        return std::string("empty line");
    if (in.word().empty() || in.word().empty())
        return std::string("missing the ident and user fields");
    std::string field;
    if (!in.bracketed('[', ']', field))
        return std::string("no [date] field");
    if (std::string error = parseClfTime(field, line.timestamp, line.subsecond); !error.empty())
        return error;
    if (!in.bracketed('"', '"', field))
        return std::string("no quoted request field");
    FieldCursor request(field);
    line.method = std::string(request.word());
    line.path = std::string(request.word());
    const std::string_view protocol = request.word();
    if (line.method == "-" && line.path.empty())
        return std::string("no request line (\"-\"): the server got no valid request");
    if (!isToken(line.method))
        return "bad method '" + clip(line.method) + "'";
    if (line.path.empty() || (line.path.front() != '/' && line.path != "*"))
        return "bad path '" + clip(line.path) + "' (expected one starting with /)";
    if (!protocol.empty() && !protocol.starts_with("HTTP/"))
        return "bad protocol '" + clip(protocol) + "'";
    if (!request.atEnd())
        return std::string("extra words in the request field");
    long long status = 0;
    const std::string_view statusText = in.word();
    if (!wholeNumber(statusText, status) || status < 100 || status > 599)
        return "bad status '" + clip(statusText) + "'";
    line.status = static_cast<int>(status);
    long long bytes = 0;
    const std::string_view bytesText = in.word();
    if (bytesText != "-" && (!wholeNumber(bytesText, bytes) || bytes < 0))
        return "bad byte count '" + clip(bytesText) + "'";
    if (in.startsWith('"')) { // combined format: referer and user agent
        if (!in.bracketed('"', '"', field) || !in.bracketed('"', '"', field))
            return std::string("bad referer or user-agent field");
    }
    if (in.atEnd())
        return line;
    std::string_view timeText = in.word();
    if (const std::size_t eq = timeText.find('='); eq != std::string_view::npos)
        timeText.remove_prefix(eq + 1); // rt=0.012, request_time=0.012
    if (!in.atEnd())
        return std::string("unexpected fields after the request time");
    if (timeText.find('.') != std::string_view::npos) {
        double v = 0;
        const auto [end, error] =
            std::from_chars(timeText.data(), timeText.data() + timeText.size(), v);
        if (error != std::errc{} || end != timeText.data() + timeText.size() || v < 0)
            return "bad request time '" + clip(timeText) + "'";
        line.requestSeconds = v;
    } else {
        long long micros = 0;
        if (!wholeNumber(timeText, micros) || micros < 0)
            return "bad request time '" + clip(timeText) + "'";
        line.requestSeconds = static_cast<double>(micros) / 1e6;
    }
    return line;
}

} // namespace sb::comp
