#include "serve/LiveEndpoint.h"

#include "emulator/RunControl.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace sb::serve {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using comp::contract::ExternalOutcome;
using comp::contract::IRequestEntry;

namespace detail {

class Session;

/// Lets the engine thread hand answers to the endpoint's connections while the endpoint
/// lives, and drops them once it is gone.
struct Gate {
    std::mutex mutex;
    bool open = true;
};

} // namespace detail

using detail::Gate;
using detail::Session;

struct LiveEndpoint::Impl {
    Impl(emu::RunControl& r, const std::vector<EntryPoint>& e, EndpointSettings s)
        : run(r)
        , entries(e)
        , settings(std::move(s))
        , acceptor(io) {}

    void accept();
    void refuse(tcp::socket socket);
    void sessionStarted(Session* s, const std::shared_ptr<Session>& shared);
    void sessionEnded(Session* s);

    emu::RunControl& run;
    const std::vector<EntryPoint>& entries;
    EndpointSettings settings;
    std::uint32_t defaultEntry = 0;
    std::shared_ptr<Gate> gate = std::make_shared<Gate>();
    bool draining = false; ///< io thread

    std::atomic<std::uint64_t> connections{0}, refused{0}, requests{0}, answered{0}, badRequests{0},
        slowClients{0}, unanswered{0};

    std::mutex sessionsMutex;
    std::condition_variable sessionsEnded;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

    std::thread thread;
    // Last: destroyed first, with the handlers (and connections) still pending in it.
    net::io_context io{1};
    tcp::acceptor acceptor;
};

namespace detail {

/// One connection: reads a request, sends it into the emulation, writes the answer, and
/// reads the next while the client keeps the connection alive.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, LiveEndpoint::Impl& endpoint)
        : m_stream(std::move(socket))
        , m_endpoint(endpoint)
        , m_buffer(endpoint.settings.maxHeaderBytes + endpoint.settings.maxBodyBytes)
        , m_deadline(m_stream.get_executor()) {
        beast::error_code ec;
        const auto remote = m_stream.socket().remote_endpoint(ec);
        m_peer = ec ? std::string("unknown") : remote.address().to_string();
    }
    ~Session() { m_endpoint.sessionEnded(this); }

    void start() { read(); }

    /// Ends an idle connection (no request in flight) when the endpoint drains.
    void drain() {
        if (!m_inFlight)
            close();
    }

    /// The emulation's answer (io thread).
    void answered(EmulatedResponse response) {
        if (!m_inFlight)
            return; // answered already at the answer timeout
        m_deadline.cancel();
        ++m_endpoint.answered;
        respond(response.status, std::move(response.body), response.headers);
    }

private:
    void read() {
        m_parser.emplace();
        m_parser->header_limit(static_cast<std::uint32_t>(m_endpoint.settings.maxHeaderBytes));
        m_parser->body_limit(m_endpoint.settings.maxBodyBytes);
        m_stream.expires_after(m_endpoint.settings.readTimeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         beast::bind_front_handler(&Session::onRead, shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
            ec == net::error::connection_reset || ec == net::error::eof) {
            close();
            return;
        }
        if (ec == beast::error::timeout) {
            ++m_endpoint.slowClients;
            close();
            return;
        }
        if (ec) {
            ++m_endpoint.badRequests;
            m_keepAlive = false;
            if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
                respond(431,
                        message("the request's header is larger than " +
                                std::to_string(m_endpoint.settings.maxHeaderBytes) + " bytes"));
            else if (ec == http::error::body_limit)
                respond(413, message("the request's body is larger than " +
                                     std::to_string(m_endpoint.settings.maxBodyBytes) + " bytes"));
            else
                respond(400, message("malformed HTTP request: " + ec.message()));
            return;
        }
        const auto& req = m_parser->get();
        m_keepAlive = req.keep_alive() && !m_endpoint.draining;
        m_head = req.method() == http::verb::head;
        if (m_endpoint.draining) {
            respond(503, message("the live endpoint is shutting down"));
            return;
        }
        HttpRequestView view;
        view.method = std::string_view(req.method_string().data(), req.method_string().size());
        view.target = std::string_view(req.target().data(), req.target().size());
        const auto header = [&req](const char* name) {
            const auto it = req.find(name);
            return it == req.end() ? std::string_view()
                                   : std::string_view(it->value().data(), it->value().size());
        };
        view.regionHeader = header("X-Scaleboard-Region");
        view.clientHeader = header("X-Scaleboard-Client");
        view.userHeader = header("X-Scaleboard-User");
        view.peer = m_peer;
        Routed routed = route(view, m_endpoint.entries, m_endpoint.defaultEntry);
        if (routed.status != 0) {
            ++m_endpoint.badRequests;
            respond(routed.status, message(routed.error));
            return;
        }
        admit(std::move(routed));
    }

    void admit(Routed routed) {
        ++m_endpoint.requests;
        m_inFlight = true;
        m_stream.expires_never();
        m_deadline.expires_after(m_endpoint.settings.answerTimeout);
        m_deadline.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || !self->m_inFlight)
                return;
            ++self->m_endpoint.unanswered;
            self->m_keepAlive = false;
            self->respond(503, message("the emulation did not answer (the run is paused or has "
                                       "ended)"));
        });
        const EntryPoint entry = m_endpoint.entries[routed.entry];
        std::weak_ptr<Session> weak = weak_from_this();
        std::shared_ptr<Gate> gate = m_endpoint.gate;
        emu::RunControl& run = m_endpoint.run;
        run.post([&run, entry, weak, gate,
                  request = std::move(routed.request)](emu::Simulation& sim) {
            auto* target = dynamic_cast<IRequestEntry*>(&sim.node(entry.node));
            const emu::RequestClass cls = request.cls;
            target->admit(request, run.pacedNow(),
                          [&sim, entry, weak, gate, cls](const ExternalOutcome& outcome) {
                              EmulatedResponse response = describeOutcome(outcome, sim, entry, cls);
                              std::lock_guard lock(gate->mutex);
                              if (!gate->open)
                                  return;
                              if (auto session = weak.lock()) {
                                  auto executor = session->m_stream.get_executor();
                                  net::post(executor, [session = std::move(session),
                                                       response = std::move(response)]() mutable {
                                      session->answered(std::move(response));
                                  });
                              }
                          });
        });
    }

    static std::string message(const std::string& text) {
        return nlohmann::json{{"error", text}}.dump() + "\n";
    }

    void respond(int status, std::string body,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        m_inFlight = false;
        m_response = {};
        m_response.version(11);
        m_response.result(static_cast<http::status>(status));
        m_response.set(http::field::server, "Scaleboard live endpoint");
        m_response.set(http::field::content_type, "application/json");
        for (const auto& [name, value] : headers)
            m_response.set(name, value);
        m_response.keep_alive(m_keepAlive && !m_endpoint.draining);
        m_response.content_length(body.size());
        if (!m_head)
            m_response.body() = std::move(body);
        m_stream.expires_after(m_endpoint.settings.readTimeout);
        http::async_write(m_stream, m_response,
                          beast::bind_front_handler(&Session::onWrite, shared_from_this()));
    }

    void onWrite(beast::error_code ec, std::size_t) {
        if (ec) {
            close();
            return;
        }
        if (!m_keepAlive || m_endpoint.draining) {
            linger();
            return;
        }
        read();
    }

    /// Ends the connection without losing the answer just written: stops sending, then
    /// reads and drops what the client still sends (the rest of an oversized request) until
    /// it closes or the read timeout passes; closing with unread data would reset the
    /// connection and could destroy the answer before the client reads it.
    void linger() {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_stream.expires_after(m_endpoint.settings.readTimeout);
        discard();
    }

    void discard() {
        m_stream.async_read_some(net::buffer(m_discard),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     if (ec)
                                         self->close();
                                     else
                                         self->discard();
                                 });
    }

    void close() {
        beast::error_code ignored;
        m_deadline.cancel();
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        m_stream.socket().close(ignored);
    }

    beast::tcp_stream m_stream;
    LiveEndpoint::Impl& m_endpoint;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::string_body> m_response;
    net::steady_timer m_deadline;
    std::string m_peer;
    bool m_keepAlive = true;
    bool m_head = false;
    bool m_inFlight = false;
    std::array<char, 4096> m_discard;
};

} // namespace detail

void LiveEndpoint::Impl::accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor.is_open())
            return;
        if (!ec) {
            std::unique_lock lock(sessionsMutex);
            const bool full = sessions.size() >= settings.maxConnections;
            lock.unlock();
            if (full) {
                refuse(std::move(socket));
            } else {
                ++connections;
                auto session = std::make_shared<Session>(std::move(socket), *this);
                sessionStarted(session.get(), session);
                session->start();
            }
        }
        accept();
    });
}

void LiveEndpoint::Impl::refuse(tcp::socket socket) {
    ++refused;
    static const std::string kBody = "{\"error\":\"the live endpoint has too many connections\"}\n";
    static const std::string kBusy =
        "HTTP/1.1 503 Service Unavailable\r\nServer: Scaleboard live endpoint\r\n"
        "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
        std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
    auto held = std::make_shared<tcp::socket>(std::move(socket));
    net::async_write(*held, net::buffer(kBusy), [held](beast::error_code, std::size_t) {
        beast::error_code ignored;
        held->shutdown(tcp::socket::shutdown_both, ignored);
        held->close(ignored);
    });
}

void LiveEndpoint::Impl::sessionStarted(Session* s, const std::shared_ptr<Session>& shared) {
    std::lock_guard lock(sessionsMutex);
    sessions.emplace(s, shared);
}

void LiveEndpoint::Impl::sessionEnded(Session* s) {
    {
        std::lock_guard lock(sessionsMutex);
        sessions.erase(s);
    }
    sessionsEnded.notify_all();
}

LiveEndpoint::LiveEndpoint(emu::RunControl& run, std::vector<EntryPoint> entries,
                           EndpointSettings settings)
    : m_entries(std::move(entries))
    , m_bind(settings.bind) {
    if (m_entries.empty())
        throw std::invalid_argument("the design has no clients node for real requests to enter at");
    if (!settings.entry.empty()) {
        while (m_defaultEntry < m_entries.size() && m_entries[m_defaultEntry].id != settings.entry)
            ++m_defaultEntry;
        if (m_defaultEntry == m_entries.size())
            throw std::invalid_argument("--entry '" + settings.entry +
                                        "' is not a clients node of the design");
    }
    m_impl = std::make_unique<Impl>(run, m_entries, std::move(settings));
    m_impl->defaultEntry = m_defaultEntry;
    beast::error_code ec;
    const auto address = net::ip::make_address(m_bind == "localhost" ? "127.0.0.1" : m_bind, ec);
    if (ec)
        throw std::runtime_error("cannot listen on '" + m_bind + "': not an IP address");
    const tcp::endpoint where(address, m_impl->settings.port);
    auto& acceptor = m_impl->acceptor;
    acceptor.open(where.protocol(), ec);
    if (!ec)
        acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(where, ec);
    if (!ec)
        acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        throw std::runtime_error("cannot listen on " + m_bind + ":" +
                                 std::to_string(m_impl->settings.port) + ": " + ec.message());
    m_port = acceptor.local_endpoint().port();
    m_impl->accept();
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->io.run(); });
}

LiveEndpoint::~LiveEndpoint() {
    stop();
}

std::string LiveEndpoint::url() const {
    const bool v6 = m_bind.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + m_bind + "]" : m_bind) + ":" + std::to_string(m_port) + "/";
}

void LiveEndpoint::stop(std::chrono::milliseconds drain) {
    if (!m_impl || !m_impl->thread.joinable())
        return;
    Impl& impl = *m_impl;
    net::post(impl.io, [&impl] {
        impl.draining = true;
        beast::error_code ignored;
        impl.acceptor.close(ignored);
        std::vector<std::shared_ptr<Session>> open;
        {
            std::lock_guard lock(impl.sessionsMutex);
            for (auto& [raw, weak] : impl.sessions)
                if (auto s = weak.lock())
                    open.push_back(std::move(s));
        }
        for (auto& s : open)
            s->drain();
    });
    {
        std::unique_lock lock(impl.sessionsMutex);
        impl.sessionsEnded.wait_for(lock, drain, [&impl] { return impl.sessions.empty(); });
    }
    {
        std::lock_guard lock(impl.gate->mutex);
        impl.gate->open = false;
    }
    impl.io.stop();
    impl.thread.join();
}

EndpointStats LiveEndpoint::stats() const {
    const Impl& i = *m_impl;
    return {i.connections, i.refused,     i.requests,  i.answered,
            i.badRequests, i.slowClients, i.unanswered};
}

void LiveEndpoint::registerCounters(emu::Simulation& sim) {
    sim.outcomes().counter("real_requests", emu::Outcomes::Column::RunningTotal);
    sim.outcomes().counter("real_failed", emu::Outcomes::Column::RunningTotal);
}

bool LiveEndpoint::isLoopback(const std::string& address) {
    if (address == "localhost")
        return true;
    beast::error_code ec;
    const auto a = net::ip::make_address(address, ec);
    return !ec && a.is_loopback();
}

} // namespace sb::serve
