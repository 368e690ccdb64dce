// The baseline for bench_serve: a bare Boost.Beast HTTP/1.1 server with the live
// endpoint's threading (one I/O thread) and keep-alive, answering every request at once
// with a small fixed body. Prints its address, serves until killed.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdio>
#include <memory>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
public:
    explicit Connection(tcp::socket socket)
        : m_stream(std::move(socket)) {}
    void read() {
        m_request = {};
        http::async_read(m_stream, m_buffer, m_request,
                         beast::bind_front_handler(&Connection::onRead, shared_from_this()));
    }

private:
    void onRead(beast::error_code ec, std::size_t) {
        if (ec)
            return;
        m_response = {};
        m_response.version(11);
        m_response.result(http::status::ok);
        m_response.set(http::field::content_type, "application/json");
        m_response.keep_alive(m_request.keep_alive());
        m_response.body() = "{\"outcome\":\"ok\"}\n";
        m_response.prepare_payload();
        http::async_write(m_stream, m_response,
                          [self = shared_from_this()](beast::error_code e, std::size_t) {
                              if (!e && self->m_response.keep_alive())
                                  self->read();
                          });
    }

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    http::request<http::string_body> m_request;
    http::response<http::string_body> m_response;
};

void accept(tcp::acceptor& acceptor) {
    acceptor.async_accept([&acceptor](beast::error_code ec, tcp::socket socket) {
        if (!ec)
            std::make_shared<Connection>(std::move(socket))->read();
        accept(acceptor);
    });
}

} // namespace

int main() {
    net::io_context io{1};
    tcp::acceptor acceptor(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    std::printf("serving at http://127.0.0.1:%u/\n", acceptor.local_endpoint().port());
    std::fflush(stdout);
    accept(acceptor);
    io.run();
}
