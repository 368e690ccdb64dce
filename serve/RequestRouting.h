#pragma once

#include "components/contract/IRequestEntry.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb::emu {
class Simulation;
}

namespace sb::serve {

/// A clients node real requests can enter at.
struct EntryPoint {
    std::uint32_t node = 0;
    std::string id;
    std::string region; ///< "" when the node has none
};

/// The clients nodes of a built simulation that take real requests, in design order.
std::vector<EntryPoint> entryPoints(const emu::Simulation& sim);

/// What the endpoint reads of an HTTP request. Header names are matched without case.
struct HttpRequestView {
    std::string_view method;
    std::string_view target;       ///< origin form: path and query
    std::string_view regionHeader; ///< X-Scaleboard-Region
    std::string_view clientHeader; ///< X-Scaleboard-Client (a clients node's id)
    std::string_view userHeader;   ///< X-Scaleboard-User
    std::string_view peer;         ///< the connection's address, the user when none is named
};

/// A real request ready to enter the emulation, or why it cannot (an HTTP status and a
/// message that names what is wrong).
struct Routed {
    int status = 0; ///< 0 when routed
    std::string error;
    std::uint32_t entry = 0; ///< index in the entry points
    comp::contract::ExternalRequest request;
};

/// Maps a request to an entry point and an emulated request (see HttpRequestMapping): the
/// region (`X-Scaleboard-Region` or `?region=`) or the clients node (`X-Scaleboard-Client`
/// or `?client=`) picks where it enters, `defaultEntry` otherwise; the user is
/// `X-Scaleboard-User` or `?user=`, else the peer address. Errors: 400 for a target that
/// is not a path or an unknown region or node, 405 for a method the mapping has no class for.
Routed route(const HttpRequestView& request, const std::vector<EntryPoint>& entries,
             std::uint32_t defaultEntry);

/// The value of one query parameter of a target (percent-decoded), or "" when absent.
std::string queryParameter(std::string_view target, std::string_view name);

/// How the emulation answered, in names: taken on the engine thread, turned into a
/// response anywhere.
struct EmulatedOutcome {
    int status = 200;
    std::string reason = "ok"; ///< or the failure reason's name (Outcomes::name)
    double latencyMs = 0;
    double enteredAtS = 0; ///< virtual time
    bool cacheHit = false;
    bool stale = false;
    /// The nodes after the entry, each with what it said ("hit", "miss", "stale" or "").
    std::vector<std::pair<std::string, std::string>> path;
};

/// 200 for success; 429 when rate limited, 504 for a timeout, 503 for any other failure
/// (overload, no healthy server, a partition, ...). Engine thread (it reads the
/// simulation's names).
EmulatedOutcome emulatedOutcome(const comp::contract::ExternalOutcome& outcome,
                                const emu::Simulation& sim);

/// The path header's text: the nodes joined by '>', notes in brackets (`dns>lb1>web2>cache(hit)`).
std::string pathText(const EmulatedOutcome& outcome);

/// A response: its status, headers and body.
struct EmulatedResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body; ///< JSON
};

/// The response for an outcome. Headers: X-Scaleboard-Outcome (ok or the failure reason),
/// X-Scaleboard-Latency-Ms (emulated), X-Scaleboard-Path, X-Scaleboard-Entry,
/// X-Scaleboard-Class, X-Scaleboard-Virtual-Time-S, and X-Scaleboard-Stale: 1 when the data
/// returned was stale; the body says the same in JSON.
EmulatedResponse describeOutcome(const EmulatedOutcome& outcome, const EntryPoint& entry,
                                 emu::RequestClass cls);

} // namespace sb::serve
