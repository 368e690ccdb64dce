#include "serve/RequestRouting.h"

#include "components/common/HttpRequestMapping.h"
#include "components/contract/IUserPopulation.h"
#include "emulator/Simulation.h"

#include <cstdio>

namespace sb::serve {

using comp::contract::ExternalOutcome;

std::vector<EntryPoint> entryPoints(const emu::Simulation& sim) {
    std::vector<EntryPoint> out;
    for (const auto& node : sim.nodes()) {
        if (!dynamic_cast<const comp::contract::IRequestEntry*>(node.get()))
            continue;
        const auto* users = dynamic_cast<const comp::contract::IUserPopulation*>(node.get());
        out.push_back({node->index(), node->id(), users ? users->region() : std::string()});
    }
    return out;
}

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percentDecoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hexDigit(text[i + 1]) >= 0 &&
                   hexDigit(text[i + 2]) >= 0) {
            out += static_cast<char>(hexDigit(text[i + 1]) * 16 + hexDigit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string regionList(const std::vector<EntryPoint>& entries) {
    std::string out;
    for (const auto& e : entries) {
        if (e.region.empty() || out.find("'" + e.region + "'") != std::string::npos)
            continue;
        out += (out.empty() ? "'" : ", '") + e.region + "'";
    }
    return out.empty() ? "none" : out;
}

std::string nodeList(const std::vector<EntryPoint>& entries) {
    std::string out;
    for (const auto& e : entries)
        out += (out.empty() ? "'" : ", '") + e.id + "'";
    return out;
}

/// Printable, bounded text of a client-supplied value for an error message.
std::string shown(std::string_view text) {
    std::string out = "'";
    for (char c : text.substr(0, 80))
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (text.size() > 80)
        out += "...";
    return out + "'";
}

/// Appends `text` as a JSON string.
void appendJsonString(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace

std::string queryParameter(std::string_view target, std::string_view name) {
    const auto question = target.find('?');
    if (question == std::string_view::npos)
        return {};
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == name)
            return eq == std::string_view::npos ? std::string()
                                                : percentDecoded(pair.substr(eq + 1));
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
    return {};
}

Routed route(const HttpRequestView& request, const std::vector<EntryPoint>& entries,
             std::uint32_t defaultEntry) {
    Routed out;
    if (request.target.empty() || request.target.front() != '/') {
        out.status = 400;
        out.error =
            "the request target must be a path starting with '/', got " + shown(request.target);
        return out;
    }
    const std::string_view path = request.target.substr(0, request.target.find('?'));
    const auto cls = comp::requestClassOf(request.method, path);
    if (!cls) {
        out.status = 405;
        out.error = "method " + shown(request.method) +
                    " has no request class: use GET or HEAD (reads, static files), POST, PUT, "
                    "PATCH or DELETE (writes; POST /jobs/... is async)";
        return out;
    }
    out.entry = defaultEntry;
    const std::string client = !request.clientHeader.empty()
                                   ? std::string(request.clientHeader)
                                   : queryParameter(request.target, "client");
    const std::string region = !request.regionHeader.empty()
                                   ? std::string(request.regionHeader)
                                   : queryParameter(request.target, "region");
    if (!client.empty()) {
        std::uint32_t i = 0;
        while (i < entries.size() && entries[i].id != client)
            ++i;
        if (i == entries.size()) {
            out.status = 400;
            out.error = "no clients node " + shown(client) + " takes real requests (there are " +
                        nodeList(entries) + ")";
            return out;
        }
        out.entry = i;
    } else if (!region.empty()) {
        std::uint32_t i = 0;
        while (i < entries.size() && entries[i].region != region)
            ++i;
        if (i == entries.size()) {
            out.status = 400;
            out.error = "no clients node is in region " + shown(region) +
                        " (regions: " + regionList(entries) + ")";
            return out;
        }
        out.entry = i;
    }
    out.request.cls = *cls;
    out.request.path = std::string(path);
    out.request.user = !request.userHeader.empty() ? std::string(request.userHeader)
                                                   : queryParameter(request.target, "user");
    if (out.request.user.empty())
        out.request.user = std::string(request.peer);
    return out;
}

EmulatedOutcome emulatedOutcome(const ExternalOutcome& outcome, const emu::Simulation& sim) {
    EmulatedOutcome out;
    if (outcome.failure != emu::FailReason::None) {
        out.reason = std::string(sim.outcomes().name(outcome.failure));
        out.status = outcome.failure == emu::FailReason::Timeout ? 504
                     : out.reason == "rate_limited"              ? 429
                                                                 : 503;
    }
    out.latencyMs = emu::toMillis(outcome.latency);
    out.enteredAtS = emu::toSeconds(outcome.issued);
    out.cacheHit = outcome.cacheHit;
    out.stale = outcome.stale;
    for (std::size_t i = 1; i < outcome.path.size(); ++i) // the entry itself is not shown
        out.path.emplace_back(sim.nodes()[outcome.path[i].node]->id(), outcome.path[i].note);
    return out;
}

std::string pathText(const EmulatedOutcome& outcome) {
    std::string out;
    for (const auto& [node, note] : outcome.path) {
        if (!out.empty())
            out += '>';
        out += node;
        if (!note.empty())
            out += "(" + note + ")";
    }
    return out;
}

EmulatedResponse describeOutcome(const EmulatedOutcome& outcome, const EntryPoint& entry,
                                 emu::RequestClass cls) {
    EmulatedResponse out;
    out.status = outcome.status;
    char latency[32];
    std::snprintf(latency, sizeof latency, "%.3f", outcome.latencyMs);
    char at[32];
    std::snprintf(at, sizeof at, "%.6f", outcome.enteredAtS);
    out.headers = {{"X-Scaleboard-Outcome", outcome.reason},
                   {"X-Scaleboard-Latency-Ms", latency},
                   {"X-Scaleboard-Path", pathText(outcome)},
                   {"X-Scaleboard-Entry", entry.id},
                   {"X-Scaleboard-Class", std::string(emu::toString(cls))},
                   {"X-Scaleboard-Virtual-Time-S", at}};
    if (outcome.stale)
        out.headers.emplace_back("X-Scaleboard-Stale", "1");
    // Written by hand rather than through a JSON library: this is every answer's body,
    // and the values are names the design validated and numbers.
    std::string& body = out.body;
    body.reserve(200 + 40 * outcome.path.size());
    body += "{\"outcome\":";
    appendJsonString(body, outcome.reason);
    body += ",\"status\":" + std::to_string(outcome.status) + ",\"latency_ms\":";
    body += latency;
    body += ",\"entered_at_s\":";
    body += at;
    body += ",\"entry\":";
    appendJsonString(body, entry.id);
    body += ",\"class\":";
    appendJsonString(body, emu::toString(cls));
    body += outcome.cacheHit ? ",\"cache_hit\":true" : ",\"cache_hit\":false";
    body += outcome.stale ? ",\"stale\":true" : ",\"stale\":false";
    body += ",\"path\":[";
    for (std::size_t i = 0; i < outcome.path.size(); ++i) {
        body += i ? ",{\"node\":" : "{\"node\":";
        appendJsonString(body, outcome.path[i].first);
        body += ",\"note\":";
        appendJsonString(body, outcome.path[i].second);
        body += '}';
    }
    body += "]}\n";
    return out;
}

} // namespace sb::serve
