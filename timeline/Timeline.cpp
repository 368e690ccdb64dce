#include "timeline/Timeline.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace sb::timeline {

namespace {

constexpr std::string_view kMagic = "SBTL";
constexpr std::uint8_t kFormatVersion = 1;

std::int64_t quantise(double value, double scale) {
    if (!std::isfinite(value))
        return 0;
    return std::llround(value * scale);
}

void putVarint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

void putString(std::string& out, std::string_view s) {
    putVarint(out, s.size());
    out.append(s);
}

/// A column of quantised values: each value's change from the one before, zigzag varints;
/// a run of unchanged values is one token (run length, odd), a change is even.
std::string encodeColumn(const std::vector<std::int64_t>& values) {
    std::string out;
    std::int64_t previous = 0;
    std::uint64_t run = 0;
    for (const std::int64_t v : values) {
        const std::int64_t delta = v - previous;
        previous = v;
        if (delta == 0) {
            ++run;
            continue;
        }
        if (run > 0) {
            putVarint(out, (run << 1) | 1);
            run = 0;
        }
        putVarint(out, zigzag(delta) << 1);
    }
    if (run > 0)
        putVarint(out, (run << 1) | 1);
    return out;
}

class Reader {
public:
    explicit Reader(std::string_view bytes)
        : m_bytes(bytes) {}
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_at >= m_bytes.size())
                fail("it ends inside a number");
            const auto byte = static_cast<std::uint8_t>(m_bytes[m_at++]);
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return v;
        }
        fail("a number is too long");
    }
    std::size_t count(std::size_t limit, const char* what) {
        const std::uint64_t n = varint();
        if (n > limit)
            fail(std::string("too many ") + what);
        return static_cast<std::size_t>(n);
    }
    std::string_view bytes(std::size_t n) {
        if (n > m_bytes.size() - m_at)
            fail("it ends early");
        const std::string_view s = m_bytes.substr(m_at, n);
        m_at += n;
        return s;
    }
    std::string string() { return std::string(bytes(count(m_bytes.size(), "bytes"))); }
    double real() {
        std::uint64_t bits = 0;
        std::memcpy(&bits, bytes(8).data(), 8);
        return std::bit_cast<double>(bits);
    }
    bool done() const { return m_at == m_bytes.size(); }
    [[noreturn]] static void fail(const std::string& why) {
        throw std::invalid_argument("the recorded timeline is damaged: " + why);
    }

private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
};

std::vector<std::int64_t> decodeColumn(std::string_view bytes, std::size_t samples) {
    std::vector<std::int64_t> out;
    out.reserve(samples);
    Reader in(bytes);
    std::int64_t value = 0;
    while (!in.done()) {
        const std::uint64_t token = in.varint();
        if (token & 1) {
            const std::uint64_t run = token >> 1;
            if (run > samples - out.size())
                Reader::fail("a column has more values than samples");
            out.insert(out.end(), run, value);
        } else {
            if (out.size() == samples)
                Reader::fail("a column has more values than samples");
            value += unzigzag(token >> 1);
            out.push_back(value);
        }
    }
    if (out.size() != samples)
        Reader::fail("a column has fewer values than samples");
    return out;
}

} // namespace

Timeline::Timeline(Layout layout)
    : m_layout(std::move(layout)) {
    const std::size_t channels = m_layout.seriesColumns.size() + 2 * m_layout.links.size() +
                                 m_layout.nodeIds.size() * perNode() + 3;
    m_channels.assign(channels, {});
    m_nodeColumns.resize(m_layout.nodeIds.size());
    for (std::size_t n = 0; n < m_layout.nodeIds.size(); ++n)
        m_nodeColumns[n].first = column(m_layout.nodeIds[n] + ".utilization");
    // A node's columns run to the next node's first (nodes are in series order).
    for (std::size_t n = 0; n < m_nodeColumns.size(); ++n) {
        std::size_t end = m_layout.seriesColumns.size();
        for (const NodeColumns& other : m_nodeColumns)
            if (other.first > m_nodeColumns[n].first && static_cast<std::size_t>(other.first) < end)
                end = static_cast<std::size_t>(other.first);
        m_nodeColumns[n].end = m_nodeColumns[n].first < 0 ? 0 : end;
    }
}

std::size_t Timeline::nodeBase(std::size_t node) const {
    return linkBase() + 2 * m_layout.links.size() + node * perNode();
}

double Timeline::scaleOf(std::size_t channel) const {
    const std::size_t links = linkBase() + 2 * m_layout.links.size();
    if (channel < linkBase())
        return 1000;
    if (channel < links)
        return (channel - linkBase()) % 2 == 0 ? 1000 : 1;
    return 1;
}

std::size_t Timeline::sampleAt(double seconds) const {
    const auto it = std::upper_bound(m_time.begin(), m_time.end(), seconds + 1e-9);
    return it == m_time.begin() ? 0 : static_cast<std::size_t>(it - m_time.begin()) - 1;
}

int Timeline::column(std::string_view name) const {
    const auto& c = m_layout.seriesColumns;
    const auto it = std::find(c.begin(), c.end(), name);
    return it == c.end() ? -1 : static_cast<int>(it - c.begin());
}

double Timeline::value(std::size_t sample, std::size_t column) const {
    return m_channels[column][sample];
}

double Timeline::linkRate(std::size_t sample, std::size_t link) const {
    return m_channels[linkBase() + 2 * link][sample];
}

bool Timeline::linkCut(std::size_t sample, std::size_t link) const {
    return m_channels[linkBase() + 2 * link + 1][sample] != 0;
}

void Timeline::append(double seconds, const std::vector<double>& channels) {
    m_time.push_back(static_cast<double>(quantise(seconds, 1e6)) / 1e6);
    for (std::size_t c = 0; c < m_channels.size(); ++c) {
        const double scale = scaleOf(c);
        const double v = c < channels.size() ? channels[c] : 0.0;
        m_channels[c].push_back(
            static_cast<float>(static_cast<double>(quantise(v, scale)) / scale));
    }
}

emu::Snapshot Timeline::snapshotAt(std::size_t sample, std::size_t from) const {
    emu::Snapshot s = momentAt(sample, from);
    if (m_time.empty())
        return s;
    sample = std::min(sample, m_time.size() - 1);
    s.seriesColumns = std::make_shared<const std::vector<std::string>>(m_layout.seriesColumns);
    for (std::size_t i = 0; i <= sample; ++i) {
        s.newTimes.push_back(m_time[i]);
        std::vector<double> row(m_layout.seriesColumns.size());
        for (std::size_t c = 0; c < row.size(); ++c)
            row[c] = m_channels[c][i];
        s.newRows.push_back(std::move(row));
    }
    for (const emu::LogEvent& e : m_events)
        if (e.time <= s.now)
            s.newEvents.push_back(e);
    return s;
}

emu::Snapshot Timeline::momentAt(std::size_t sample, std::size_t from) const {
    emu::Snapshot s;
    if (m_time.empty())
        return s;
    sample = std::min(sample, m_time.size() - 1);
    from = std::min(from, sample);
    s.now = emu::fromSeconds(m_time[sample]);
    s.failReasons = m_layout.failReasons;
    const auto sum = [&](std::size_t channel) {
        double total = 0;
        for (std::size_t i = from; i <= sample; ++i)
            total += m_channels[channel][i];
        return static_cast<std::uint64_t>(std::llround(total));
    };
    const std::size_t runBase = m_channels.size() - 3;
    s.issued = sum(runBase);
    s.ok = sum(runBase + 1);
    s.failed = sum(runBase + 2);
    const auto at = [&](const char* name) {
        const int c = column(name);
        return c < 0 ? 0.0 : value(sample, static_cast<std::size_t>(c));
    };
    s.meanMs = at("latency_mean_ms");
    s.p50Ms = at("latency_p50_ms");
    s.p95Ms = at("latency_p95_ms");
    s.p99Ms = at("latency_p99_ms");
    for (std::size_t n = 0; n < m_layout.nodeIds.size(); ++n) {
        emu::NodeSnapshot ns;
        ns.id = m_layout.nodeIds[n];
        ns.kind = m_layout.nodeKinds[n];
        const NodeColumns& cols = m_nodeColumns[n];
        if (cols.first >= 0) {
            const auto first = static_cast<std::size_t>(cols.first);
            ns.utilization = value(sample, first);
            ns.queue = value(sample, first + 1);
            ns.up = value(sample, first + 3) != 0;
            const std::size_t prefix = ns.id.size() + 1;
            for (std::size_t c = first + kFixedNodeColumns; c < cols.end; ++c)
                ns.metrics.emplace_back(m_layout.seriesColumns[c].substr(prefix), value(sample, c));
        }
        const std::size_t base = nodeBase(n);
        ns.arrivals = sum(base);
        ns.completed = sum(base + 1);
        ns.rejected = sum(base + 2);
        for (std::size_t r = 0; r < m_layout.failReasons.size() && r < ns.failures.size(); ++r)
            ns.failures[r] = sum(base + 3 + r);
        s.nodes.push_back(std::move(ns));
    }
    for (std::size_t l = 0; l < m_layout.links.size(); ++l)
        s.links.push_back({m_layout.links[l].from, m_layout.links[l].to, linkRate(sample, l), 0,
                           linkCut(sample, l)});
    s.paused = true;
    return s;
}

std::string Timeline::encode() const {
    std::string out(kMagic);
    out.push_back(static_cast<char>(kFormatVersion));
    const auto bits = std::bit_cast<std::uint64_t>(m_layout.resolutionSeconds);
    out.append(reinterpret_cast<const char*>(&bits), 8);
    const auto strings = [&out](const std::vector<std::string>& list) {
        putVarint(out, list.size());
        for (const auto& s : list)
            putString(out, s);
    };
    strings(m_layout.seriesColumns);
    strings(m_layout.nodeIds);
    strings(m_layout.nodeKinds);
    strings(m_layout.failReasons);
    putVarint(out, m_layout.links.size());
    for (const LinkEnds& l : m_layout.links) {
        putVarint(out, l.from);
        putVarint(out, l.to);
    }
    putVarint(out, m_time.size());
    std::vector<std::int64_t> q(m_time.size());
    std::transform(m_time.begin(), m_time.end(), q.begin(),
                   [](double t) { return quantise(t, 1e6); });
    // Times step evenly: store each step's change from the step before.
    for (std::size_t i = q.size(); i-- > 1;)
        q[i] -= q[i - 1];
    putString(out, encodeColumn(q));
    for (std::size_t c = 0; c < m_channels.size(); ++c) {
        const double scale = scaleOf(c);
        std::transform(m_channels[c].begin(), m_channels[c].end(), q.begin(),
                       [scale](float v) { return quantise(v, scale); });
        putString(out, encodeColumn(q));
    }
    putVarint(out, m_events.size());
    emu::Time previous = 0;
    for (const emu::LogEvent& e : m_events) {
        putVarint(out, zigzag(e.time - previous));
        previous = e.time;
        putString(out, e.kind);
        putString(out, e.node);
        putString(out, e.detail);
    }
    return out;
}

Timeline Timeline::decode(std::string_view bytes) {
    Reader in(bytes);
    if (in.bytes(kMagic.size()) != kMagic)
        Reader::fail("it does not start with SBTL");
    const auto version = static_cast<std::uint8_t>(in.bytes(1)[0]);
    if (version != kFormatVersion)
        Reader::fail("format version " + std::to_string(version) + " is not known");
    Layout layout;
    layout.resolutionSeconds = in.real();
    if (!(layout.resolutionSeconds > 0))
        Reader::fail("the sample interval is not positive");
    const std::size_t limit = bytes.size();
    const auto strings = [&](std::vector<std::string>& list) {
        list.resize(in.count(limit, "names"));
        for (auto& s : list)
            s = in.string();
    };
    strings(layout.seriesColumns);
    strings(layout.nodeIds);
    strings(layout.nodeKinds);
    strings(layout.failReasons);
    if (layout.nodeKinds.size() != layout.nodeIds.size())
        Reader::fail("nodes and kinds differ in number");
    if (layout.failReasons.size() > static_cast<std::size_t>(emu::kMaxFailReasons))
        Reader::fail("too many failure reasons");
    layout.links.resize(in.count(limit, "links"));
    for (LinkEnds& l : layout.links) {
        l.from = static_cast<std::uint32_t>(in.count(layout.nodeIds.size(), "link ends"));
        l.to = static_cast<std::uint32_t>(in.count(layout.nodeIds.size(), "link ends"));
    }
    Timeline t(std::move(layout));
    const std::size_t samples = in.count(limit * 64, "samples");
    std::vector<std::int64_t> q = decodeColumn(in.bytes(in.count(limit, "bytes")), samples);
    std::int64_t time = 0;
    t.m_time.reserve(samples);
    for (const std::int64_t step : q) {
        time += step;
        t.m_time.push_back(static_cast<double>(time) / 1e6);
    }
    for (std::size_t c = 0; c < t.m_channels.size(); ++c) {
        q = decodeColumn(in.bytes(in.count(limit, "bytes")), samples);
        const double scale = t.scaleOf(c);
        auto& channel = t.m_channels[c];
        channel.reserve(samples);
        for (const std::int64_t v : q)
            channel.push_back(static_cast<float>(static_cast<double>(v) / scale));
    }
    t.m_events.resize(in.count(limit, "events"));
    emu::Time previous = 0;
    for (emu::LogEvent& e : t.m_events) {
        previous += unzigzag(in.varint());
        e.time = previous;
        e.kind = in.string();
        e.node = in.string();
        e.detail = in.string();
    }
    if (!in.done())
        Reader::fail("bytes follow its end");
    return t;
}

} // namespace sb::timeline
