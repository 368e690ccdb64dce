#include "components/clients/AccessLogReplay.h"

#include "components/clients/AccessLogLine.h"
#include "components/common/HttpRequestMapping.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace sb::comp {

AccessLogReplay::AccessLogReplay(const std::string& path)
    : AccessLogReplay(std::make_unique<std::ifstream>(path, std::ios::binary)) {
    if (!*m_in)
        throw std::invalid_argument("cannot read the access log '" + path + "'");
}

AccessLogReplay::AccessLogReplay(std::unique_ptr<std::istream> in)
    : m_in(std::move(in))
    , m_buffer(kMaxLineBytes + 1, '\0') {}

bool AccessLogReplay::readLine(std::string& out, bool& tooLong) {
    tooLong = false;
    if (!m_in->good())
        return false;
    m_in->getline(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    const std::streamsize got = m_in->gcount();
    if (got == 0 && m_in->eof())
        return false;
    if (m_in->fail() && !m_in->eof()) { // the line is longer than the buffer
        tooLong = true;
        m_in->clear();
        m_in->ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    const std::size_t length = std::char_traits<char>::length(m_buffer.data());
    out.assign(m_buffer.data(), length);
    ++m_lineNumber;
    return true;
}

std::optional<AccessLogReplay::Pending> AccessLogReplay::readRequest() {
    std::string text;
    bool tooLong = false;
    while (readLine(text, tooLong)) {
        std::string reason;
        if (tooLong) {
            reason = "longer than " + std::to_string(kMaxLineBytes) + " bytes";
        } else {
            auto parsed = parseAccessLogLine(text);
            if (auto* line = std::get_if<AccessLogLine>(&parsed)) {
                const auto cls = requestClassOf(line->method, line->path);
                if (cls) {
                    if (line->requestSeconds) {
                        ++m_timedLines;
                        m_loggedSecondsSum += *line->requestSeconds;
                    }
                    Pending p{{0, *cls, std::move(line->path), std::move(line->address)},
                              line->timestamp,
                              line->subsecond};
                    return p;
                }
                reason = "method " + line->method + " has no request class";
            } else {
                reason = std::get<std::string>(parsed);
            }
        }
        ++m_malformedCount;
        if (m_malformed.size() < kMaxKeptMalformed)
            m_malformed.push_back({m_lineNumber, std::move(reason)});
    }
    return std::nullopt;
}

void AccessLogReplay::fillGroup() {
    if (!m_lookahead)
        m_lookahead = readRequest();
    if (!m_lookahead)
        return;
    const double second = std::floor(m_lookahead->timestamp);
    if (!m_origin)
        m_origin = second;
    std::vector<Pending> group;
    while (m_lookahead && std::floor(m_lookahead->timestamp) <= second &&
           group.size() < kMaxSecondGroup) {
        group.push_back(std::move(*m_lookahead));
        m_lookahead = readRequest();
    }
    std::size_t whole = 0;
    for (const Pending& p : group)
        whole += p.subsecond ? 0 : 1;
    std::size_t wholeIndex = 0;
    for (Pending& p : group) {
        double offset = p.subsecond ? p.timestamp - *m_origin
                                    : second - *m_origin +
                                          (static_cast<double>(wholeIndex++) + 0.5) /
                                              static_cast<double>(whole);
        if (offset < m_lastOffset || std::floor(p.timestamp) < second) {
            ++m_outOfOrder;
            offset = std::max(offset, m_lastOffset);
        }
        m_lastOffset = offset;
        p.arrival.offsetSeconds = offset;
        m_ready.push_back(std::move(p.arrival));
    }
}

std::optional<ReplayArrival> AccessLogReplay::next() {
    if (m_ready.empty())
        fillGroup();
    if (m_ready.empty())
        return std::nullopt;
    ReplayArrival a = std::move(m_ready.front());
    m_ready.pop_front();
    ++m_replayed;
    return a;
}

std::vector<MalformedLine> AccessLogReplay::takeMalformed() {
    std::vector<MalformedLine> out;
    out.swap(m_malformed);
    return out;
}

std::optional<double> AccessLogReplay::meanLoggedSeconds() const {
    if (m_timedLines == 0)
        return std::nullopt;
    return m_loggedSecondsSum / static_cast<double>(m_timedLines);
}

} // namespace sb::comp
