#pragma once

#include "serve/RequestRouting.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sb::emu {
class RunControl;
class Simulation;
} // namespace sb::emu

namespace sb::serve {

/// Limits and choices of a live endpoint.
struct EndpointSettings {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 0; ///< 0: a free port (see LiveEndpoint::port)
    std::string entry;      ///< the clients node requests enter at by default; "" = the first
    /// Connections open at once; one more is answered 503 and closed.
    std::size_t maxConnections = 512;
    std::size_t maxHeaderBytes = 8 * 1024; ///< larger headers: 431
    std::size_t maxBodyBytes = 64 * 1024;  ///< larger bodies: 413
    /// A request must arrive whole within this, and an idle keep-alive connection is closed
    /// after it: a slow client cannot hold a connection open.
    std::chrono::milliseconds readTimeout{10000};
    /// The emulation answers every request it admits (at the latest at the clients node's
    /// timeout); a request still unanswered after this (the run paused or ended) gets 503.
    std::chrono::milliseconds answerTimeout{30000};
};

/// What an endpoint has seen so far.
struct EndpointStats {
    std::uint64_t connections = 0; ///< accepted and served
    std::uint64_t refused = 0;     ///< over maxConnections: 503 and closed
    std::uint64_t requests = 0;    ///< sent into the emulation
    std::uint64_t answered = 0;    ///< answered from the emulation
    std::uint64_t badRequests = 0; ///< malformed, oversized or unroutable: 4xx
    std::uint64_t slowClients = 0; ///< closed at the read timeout
    std::uint64_t unanswered = 0;  ///< 503 at the answer timeout
};

/// A loopback HTTP server (Boost.Beast) whose requests become requests of a running
/// emulation: each enters at a clients node (RequestRouting), travels the drawn path under
/// real-time pacing, and is answered when the emulation says it completes, with the
/// emulated status and X-Scaleboard-* headers. HTTP/1.1 keep-alive; requests on one
/// connection are read one at a time, so pipelined requests are answered in order.
/// Memory is bounded by the connection limit and the header and body limits.
class LiveEndpoint {
public:
    /// Opens the port and starts serving `run` (which may not have started yet: requests
    /// wait for it). `entries` are the clients nodes of its simulation (entryPoints).
    /// Throws std::invalid_argument when there is no clients node or the entry is not one,
    /// std::runtime_error when the address cannot be listened on.
    LiveEndpoint(emu::RunControl& run, std::vector<EntryPoint> entries, EndpointSettings settings);
    /// Stops like stop() with the default drain.
    ~LiveEndpoint();
    LiveEndpoint(const LiveEndpoint&) = delete;
    LiveEndpoint& operator=(const LiveEndpoint&) = delete;

    std::uint16_t port() const { return m_port; }
    /// http://ADDRESS:PORT/
    std::string url() const;
    const std::string& defaultEntry() const { return m_entries[m_defaultEntry].id; }
    /// Stops accepting, answers the requests in flight (waiting at most `drain`), then
    /// closes every connection. The run goes on; stop it after this.
    void stop(std::chrono::milliseconds drain = std::chrono::seconds(5));
    EndpointStats stats() const;

    /// Gives the real requests' counters series columns (real_requests, real_failed);
    /// call before the simulation starts, or they are counted without columns.
    static void registerCounters(emu::Simulation& sim);
    /// True for 127.0.0.0/8, ::1 and "localhost".
    static bool isLoopback(const std::string& address);

    struct Impl;

private:
    std::vector<EntryPoint> m_entries;
    std::uint32_t m_defaultEntry = 0;
    std::uint16_t m_port = 0;
    std::string m_bind;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sb::serve
