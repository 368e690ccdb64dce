#pragma once

#include "emulator/Request.h"
#include "emulator/Simulation.h"

#include <functional>
#include <string>
#include <vector>

namespace sb::comp::contract {

/// A real request from outside the emulation (a request to the live endpoint): what it
/// asks for, in the terms of HttpRequestMapping, and who asks.
struct ExternalRequest {
    emu::RequestClass cls = emu::RequestClass::Read;
    std::string path; ///< gives the key (keyOfPath)
    std::string user; ///< the same text is the same emulated user ("" = a new user each time)
};

/// How the emulation answered a real request.
struct ExternalOutcome {
    emu::FailReason failure = emu::FailReason::None;
    emu::Time issued = 0;  ///< virtual time it entered the emulation
    emu::Time latency = 0; ///< virtual time from entry to answer (or to the timeout)
    bool cacheHit = false;
    bool stale = false;              ///< the data returned was older than the truth
    std::vector<emu::TraceHop> path; ///< the entry node first, then every node it was sent to
};

/// Where real requests enter: a clients node sends them along its own links, like its
/// users' requests, and measures them with them.
class IRequestEntry {
public:
    using Done = std::function<void(const ExternalOutcome&)>;
    virtual ~IRequestEntry() = default;
    /// Engine thread: sends `request` at virtual time `at` (not before now); `done` runs
    /// on the engine thread when it is answered, fails, or outlives the entry's timeout.
    virtual void admit(const ExternalRequest& request, emu::Time at, Done done) = 0;
};

} // namespace sb::comp::contract
