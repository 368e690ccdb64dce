#include "serve/LiveEndpoint.h"

#include "emulator/RunControl.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <future>
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

/// A real request on its way into the emulation.
struct Admission {
    std::weak_ptr<Session> session;
    std::uint32_t entry = 0; ///< index in the entry points
    comp::contract::ExternalRequest request;
};

/// The emulation's answer on its way back to its connection.
struct Answer {
    std::weak_ptr<Session> session;
    EmulatedOutcome outcome;
};

/// What the connections and the engine thread share: requests go in and answers come back
/// in batches, each handed over under one lock with one command (or one I/O post) for
/// the whole batch, so a busy endpoint wakes the engine once per batch, not per request.
/// The run holds it while answers are due; once the endpoint closes it, answers are dropped.
struct Exchange : std::enable_shared_from_this<Exchange> {
    Exchange(emu::RunControl& r, std::vector<EntryPoint> e, net::io_context& i)
        : run(r)
        , entries(std::move(e))
        , io(i) {}

    /// I/O thread: queues a request for the engine.
    void submit(Admission admission);
    /// Engine thread: sends the queued requests into the emulation.
    void admitQueued(emu::Simulation& sim);
    /// Engine thread: queues an answer for the connections.
    void deliver(Answer answer);
    /// I/O thread: hands the queued answers to their connections.
    void answerQueued();

    emu::RunControl& run;
    const std::vector<EntryPoint> entries;
    net::io_context& io;
    std::mutex mutex;
    bool open = true;
    std::vector<Admission> admissions;
    std::vector<Answer> answers;
};

} // namespace detail

using detail::Admission;
using detail::Answer;
using detail::Exchange;
using detail::Session;

struct LiveEndpoint::Impl {
    Impl(emu::RunControl& r, const std::vector<EntryPoint>& e, EndpointSettings s)
        : settings(std::move(s))
        , exchange(std::make_shared<Exchange>(r, e, io))
        , acceptor(io)
        , sweeper(io) {}

    void accept();
    void refuse(tcp::socket socket);
    void sessionStarted(Session* s, const std::shared_ptr<Session>& shared);
    void sessionEnded(Session* s);
    /// One answer more (or less) owed to a client: what stop() waits for.
    void answerOwed(bool more);
    std::vector<std::shared_ptr<Session>> openSessions();

    /// Keeps every connection's timeouts (Session::sweep), a few times per the shortest
    /// timeout (I/O thread).
    void sweep();

    EndpointSettings settings;
    std::uint32_t defaultEntry = 0;
    bool draining = false; ///< io thread

    std::atomic<std::uint64_t> connections{0}, refused{0}, requests{0}, answered{0}, badRequests{0},
        slowClients{0}, unanswered{0};

    std::mutex sessionsMutex;
    std::condition_variable sessionsEnded;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
    std::size_t owed = 0; ///< answers not written yet (under sessionsMutex)

    std::thread thread;
    // Destroyed after the objects that use it, with the handlers (and connections) still
    // pending in it.
    net::io_context io{1};
    /// Keeps the I/O thread running after the drain, until stop() stops it.
    net::executor_work_guard<net::io_context::executor_type> busy{io.get_executor()};
    std::shared_ptr<Exchange> exchange;
    tcp::acceptor acceptor;
    net::steady_timer sweeper;
};

namespace detail {

/// One connection: reads a request, sends it into the emulation, writes the answer, and
/// reads the next while the client keeps the connection alive. Its timeouts are kept by
/// the endpoint's sweep (one timer for all connections, not one per read).
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, LiveEndpoint::Impl& endpoint)
        : m_socket(std::move(socket))
        , m_endpoint(endpoint)
        , m_buffer(endpoint.settings.maxHeaderBytes + endpoint.settings.maxBodyBytes) {
        beast::error_code ec;
        const auto remote = m_socket.remote_endpoint(ec);
        m_peer = ec ? std::string("unknown") : remote.address().to_string();
        m_socket.set_option(tcp::no_delay(true), ec);
    }
    ~Session() { m_endpoint.sessionEnded(this); }

    void start() { read(); }

    /// Ends an idle connection (no request in flight) when the endpoint drains.
    void drain() {
        if (m_phase != Phase::InFlight)
            close();
    }

    /// Ends the connection, answered or not (the endpoint stops).
    void end() {
        close();
        m_self.reset();
    }

    /// The emulation's answer (io thread).
    void answered(const EmulatedOutcome& outcome) {
        if (m_phase != Phase::InFlight)
            return; // answered already at the answer timeout
        ++m_endpoint.answered;
        EmulatedResponse response =
            describeOutcome(outcome, m_endpoint.exchange->entries[m_entry], m_cls);
        respond(response.status, std::move(response.body), response.headers);
    }

    /// The sweep: a request that has not arrived whole within the read timeout closes the
    /// connection (a slow client); an answer the emulation has not given within the answer
    /// timeout becomes a 503; a write or a lingering close that outlasts the read timeout
    /// ends.
    void sweep(std::chrono::steady_clock::time_point now) {
        const auto age = now - m_since;
        const auto& s = m_endpoint.settings;
        switch (m_phase) {
        case Phase::Reading:
            if (age > s.readTimeout) {
                ++m_endpoint.slowClients;
                close();
            }
            break;
        case Phase::InFlight:
            if (age > s.answerTimeout) {
                ++m_endpoint.unanswered;
                m_keepAlive = false;
                respond(503,
                        message("the emulation did not answer (the run is paused or has ended)"));
            }
            break;
        case Phase::Writing:
        case Phase::Lingering:
            if (age > s.readTimeout)
                close();
            break;
        case Phase::Closed:
            break;
        }
    }

private:
    enum class Phase { Reading, InFlight, Writing, Lingering, Closed };

    void enter(Phase phase) {
        m_phase = phase;
        m_since = std::chrono::steady_clock::now();
    }

    void read() {
        m_parser.emplace();
        m_parser->header_limit(static_cast<std::uint32_t>(m_endpoint.settings.maxHeaderBytes));
        m_parser->body_limit(m_endpoint.settings.maxBodyBytes);
        enter(Phase::Reading);
        http::async_read(m_socket, m_buffer, *m_parser,
                         beast::bind_front_handler(&Session::onRead, shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t) {
        if (m_phase == Phase::Closed)
            return;
        if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
            ec == net::error::connection_reset || ec == net::error::eof) {
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
        Routed routed = route(view, m_endpoint.exchange->entries, m_endpoint.defaultEntry);
        if (routed.status != 0) {
            ++m_endpoint.badRequests;
            respond(routed.status, message(routed.error));
            return;
        }
        admit(std::move(routed));
    }

    void admit(Routed routed) {
        ++m_endpoint.requests;
        owe(true);
        enter(Phase::InFlight);
        m_self = shared_from_this(); // nothing else holds the connection while it waits
        m_entry = routed.entry;
        m_cls = routed.request.cls;
        m_endpoint.exchange->submit({weak_from_this(), routed.entry, std::move(routed.request)});
    }

    static std::string message(const std::string& text) {
        return nlohmann::json{{"error", text}}.dump() + "\n";
    }

    /// Writes the answer. The header is written by hand: every value in it is the
    /// endpoint's own (numbers, node ids, reason names), and one buffer is the cheapest
    /// write there is.
    void respond(int status, std::string body,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        const std::shared_ptr<Session> self = std::move(m_self);
        const bool keepAlive = m_keepAlive && !m_endpoint.draining;
        const auto reason = http::obsolete_reason(static_cast<http::status>(status));
        std::string& out = m_output;
        out.clear();
        out.reserve(256 + body.size());
        out += "HTTP/1.1 ";
        out += std::to_string(status);
        out += ' ';
        out.append(reason.data(), reason.size());
        out += "\r\nServer: Scaleboard live endpoint\r\nContent-Type: application/json\r\n";
        for (const auto& [name, value] : headers) {
            out += name;
            out += ": ";
            out += value;
            out += "\r\n";
        }
        out += "Content-Length: ";
        out += std::to_string(body.size());
        out += keepAlive ? "\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
        if (!m_head)
            out += body;
        m_keepAlive = keepAlive;
        enter(Phase::Writing);
        net::async_write(m_socket, net::buffer(out),
                         beast::bind_front_handler(&Session::onWrite, shared_from_this()));
    }

    void onWrite(beast::error_code ec, std::size_t) {
        owe(false); // the answer is out (or cannot be written)
        if (ec || m_phase == Phase::Closed) {
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
        m_socket.shutdown(tcp::socket::shutdown_send, ignored);
        enter(Phase::Lingering);
        discard();
    }

    void discard() {
        m_socket.async_read_some(net::buffer(m_discard),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     if (ec || self->m_phase == Phase::Closed)
                                         self->close();
                                     else
                                         self->discard();
                                 });
    }

    /// Counts an answer this connection owes its client, for the drain.
    void owe(bool owes) {
        if (owes != m_owes) {
            m_owes = owes;
            m_endpoint.answerOwed(owes);
        }
    }

    void close() {
        owe(false);
        if (m_phase == Phase::Closed)
            return;
        m_phase = Phase::Closed;
        beast::error_code ignored;
        m_socket.shutdown(tcp::socket::shutdown_both, ignored);
        m_socket.close(ignored);
    }

    tcp::socket m_socket;
    LiveEndpoint::Impl& m_endpoint;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    std::string m_output; ///< the answer being written
    std::string m_peer;
    bool m_keepAlive = true;
    bool m_head = false;
    Phase m_phase = Phase::Reading;
    bool m_owes = false; ///< a request went into the emulation; its answer is not written yet
    std::chrono::steady_clock::time_point m_since; ///< when the phase began
    std::shared_ptr<Session> m_self; ///< keeps it open while the emulation has its request
    std::uint32_t m_entry = 0;       ///< where the request in flight entered
    emu::RequestClass m_cls = emu::RequestClass::Read;
    std::array<char, 4096> m_discard;
};

} // namespace detail

void Exchange::submit(Admission admission) {
    bool first;
    {
        std::lock_guard lock(mutex);
        first = admissions.empty();
        admissions.push_back(std::move(admission));
    }
    if (first)
        run.post([self = shared_from_this()](emu::Simulation& sim) { self->admitQueued(sim); });
}

void Exchange::admitQueued(emu::Simulation& sim) {
    std::vector<Admission> batch;
    {
        std::lock_guard lock(mutex);
        batch.swap(admissions);
    }
    const emu::Time now = run.pacedNow();
    for (Admission& a : batch) {
        auto* target = dynamic_cast<IRequestEntry*>(&sim.node(entries[a.entry].node));
        target->admit(a.request, now,
                      [self = shared_from_this(), session = std::move(a.session),
                       &sim](const ExternalOutcome& outcome) {
                          self->deliver({session, emulatedOutcome(outcome, sim)});
                      });
    }
}

void Exchange::deliver(Answer answer) {
    bool first;
    {
        std::lock_guard lock(mutex);
        if (!open)
            return;
        first = answers.empty();
        answers.push_back(std::move(answer));
    }
    if (first)
        net::post(io, [self = shared_from_this()] { self->answerQueued(); });
}

void Exchange::answerQueued() {
    std::vector<Answer> batch;
    {
        std::lock_guard lock(mutex);
        batch.swap(answers);
    }
    for (Answer& a : batch)
        if (auto session = a.session.lock())
            session->answered(a.outcome);
}

void LiveEndpoint::Impl::sweep() {
    const auto shortest = std::min(settings.readTimeout, settings.answerTimeout);
    sweeper.expires_after(std::clamp<std::chrono::milliseconds>(
        shortest / 4, std::chrono::milliseconds(10), std::chrono::seconds(1)));
    sweeper.async_wait([this](beast::error_code ec) {
        if (ec)
            return;
        const auto now = std::chrono::steady_clock::now();
        for (auto& s : openSessions())
            s->sweep(now);
        sweep();
    });
}

void LiveEndpoint::Impl::accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
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

std::vector<std::shared_ptr<Session>> LiveEndpoint::Impl::openSessions() {
    std::vector<std::shared_ptr<Session>> open;
    std::lock_guard lock(sessionsMutex);
    for (auto& [raw, weak] : sessions)
        if (auto s = weak.lock())
            open.push_back(std::move(s));
    return open;
}

void LiveEndpoint::Impl::sessionStarted(Session* s, const std::shared_ptr<Session>& shared) {
    std::lock_guard lock(sessionsMutex);
    sessions.emplace(s, shared);
}

void LiveEndpoint::Impl::answerOwed(bool more) {
    {
        std::lock_guard lock(sessionsMutex);
        owed += more ? 1 : std::size_t(-1);
    }
    sessionsEnded.notify_all();
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
    m_impl->sweep();
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
        impl.sweeper.cancel();
        for (auto& s : impl.openSessions())
            s->drain();
    });
    {
        std::unique_lock lock(impl.sessionsMutex);
        impl.sessionsEnded.wait_for(lock, drain, [&impl] { return impl.owed == 0; });
    }
    {
        std::lock_guard lock(impl.exchange->mutex);
        impl.exchange->open = false;
    }
    // What the drain left (requests the emulation still holds): end it on the I/O thread.
    std::promise<void> ended;
    net::post(impl.io, [&impl, &ended] {
        for (auto& s : impl.openSessions())
            s->end();
        ended.set_value();
    });
    ended.get_future().wait();
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
