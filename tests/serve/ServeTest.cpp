#include "serve/LiveEndpoint.h"
#include "serve/RequestRouting.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <map>
#include <sys/socket.h>
#include <sys/time.h>

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using namespace sb;

namespace {

/// Users send a request a second to one web server, which reads through a cache to a
/// database; `faults` is the design's fault schedule.
QByteArray design(const char* faults) {
    return QByteArray(R"({
  "format": "scaleboard-design", "version": 1, "name": "serve test",
  "nodes": [
    {"id": "users", "kind": "clients", "props": {"users": 10, "requests_per_user_per_min": 6,
      "keys": 1000, "timeout_ms": 2000, "region": "eu"}},
    {"id": "web1", "kind": "web_server", "props": {"workers": 8, "service_ms": 5}},
    {"id": "cache", "kind": "cache", "props": {"capacity": 1000, "ttl_s": 600}},
    {"id": "db", "kind": "db_primary", "props": {"workers": 8, "read_ms": 4, "write_ms": 8}}
  ],
  "links": [
    {"from": "users", "to": "web1", "props": {"latency_ms": 1}},
    {"from": "web1", "to": "cache"},
    {"from": "web1", "to": "db"}
  ],
  "faults": )") +
           faults + R"(,
  "run": {"duration_s": 60, "warmup_s": 0, "seed": 1}
})";
}

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

/// A connection whose reads give up after 20 s, so a server that never answers fails the
/// test instead of hanging it.
tcp::socket connectTo(net::io_context& io, std::uint16_t port) {
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    timeval limit{20, 0};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    return socket;
}

Reply exchange(tcp::socket& socket, http::verb method, const std::string& target,
               const std::map<std::string, std::string>& headers = {}) {
    http::request<http::string_body> req(method, target, 11);
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers)
        req.set(name, value);
    req.prepare_payload();
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.skip(method == http::verb::head); // an answer to HEAD has no body
    http::read(socket, buffer, parser);
    const auto& res = parser.get();
    Reply out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res)
        out.headers[std::string(field.name_string())] = std::string(field.value());
    out.body = res.body();
    return out;
}

/// Reads what the server sends until it closes the connection (or 20 s pass).
std::string readUntilClosed(tcp::socket& socket) {
    std::string out;
    char chunk[4096];
    boost::system::error_code ec;
    for (;;) {
        const std::size_t n = socket.read_some(net::buffer(chunk), ec);
        if (ec)
            break;
        out.append(chunk, n);
    }
    return out;
}

/// `scaleboard-cli serve` on a free loopback port, stopped with SIGTERM.
class Server {
public:
    Server(const QString& designPath, const QStringList& extra) {
        m_process.setProgram(SCALEBOARD_CLI_PATH);
        m_process.setArguments(QStringList{"serve", designPath, "--port", "0"} + extra);
        m_process.start();
        QVERIFY2(m_process.waitForStarted(), "scaleboard-cli did not start");
        QByteArray line;
        while (!line.contains('\n') && m_process.waitForReadyRead(20000))
            line += m_process.readAllStandardOutput();
        const auto match = QRegularExpression("http://127\\.0\\.0\\.1:(\\d+)/").match(line);
        QVERIFY2(match.hasMatch(),
                 ("no address in: " + line + m_process.readAllStandardError()).constData());
        m_port = static_cast<std::uint16_t>(match.captured(1).toUInt());
    }
    ~Server() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    std::uint16_t port() const { return m_port; }
    /// Stops it as Ctrl-C would; its exit code.
    int stop() {
        m_process.terminate();
        if (!m_process.waitForFinished(30000))
            return -1;
        m_output = m_process.readAllStandardOutput();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
    }
    bool running() const { return m_process.state() == QProcess::Running; }
    const QByteArray& output() const { return m_output; }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    std::uint16_t m_port = 0;
    QByteArray m_output;
};

/// Resident memory of a process, in KiB, from /proc.
long residentKiB(qint64 pid) {
    QFile status(QString("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const auto match = QRegularExpression("VmRSS:\\s+(\\d+)").match(status.readAll());
    return match.hasMatch() ? match.captured(1).toLong() : -1;
}

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class ServeTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeDesign(const QString& name, const char* faults) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(design(faults));
        return path;
    }

private Q_SLOTS:
    void routesByMethodPathRegionAndUser() {
        const std::vector<serve::EntryPoint> entries{{0, "users", "us"}, {4, "eu-users", "eu"}};
        serve::HttpRequestView v;
        v.method = "GET";
        v.target = "/items/42?user=ann";
        v.peer = "127.0.0.1";
        serve::Routed r = serve::route(v, entries, 0);
        QCOMPARE(r.status, 0);
        QVERIFY(r.request.cls == emu::RequestClass::Read);
        QCOMPARE(r.request.path, std::string("/items/42"));
        QCOMPARE(r.request.user, std::string("ann"));
        QCOMPARE(r.entry, 0u);

        v.target = "/static/app.css";
        QVERIFY(serve::route(v, entries, 0).request.cls == emu::RequestClass::Static);
        v.method = "POST";
        v.target = "/jobs/resize";
        QVERIFY(serve::route(v, entries, 0).request.cls == emu::RequestClass::Async);
        v.method = "PUT";
        v.target = "/items/1";
        v.regionHeader = "eu";
        r = serve::route(v, entries, 0);
        QVERIFY(r.request.cls == emu::RequestClass::Write);
        QCOMPARE(r.entry, 1u);
        QCOMPARE(r.request.user, std::string("127.0.0.1")); // the peer without a user

        v.regionHeader = {};
        v.target = "/items/1?client=eu-users&region=us";
        QCOMPARE(serve::route(v, entries, 0).entry, 1u); // the node wins over the region
    }

    void refusesWhatItCannotRoute() {
        const std::vector<serve::EntryPoint> entries{{0, "users", "us"}};
        serve::HttpRequestView v;
        v.method = "GET";
        v.target = "/x?region=mars";
        serve::Routed r = serve::route(v, entries, 0);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.error.find("'mars'") != std::string::npos &&
                     r.error.find("'us'") != std::string::npos,
                 r.error.c_str());
        v.target = "/x";
        v.clientHeader = "nobody";
        QCOMPARE(serve::route(v, entries, 0).status, 400);
        v.clientHeader = {};
        v.method = "BREW";
        r = serve::route(v, entries, 0);
        QCOMPARE(r.status, 405);
        QVERIFY(r.error.find("'BREW'") != std::string::npos);
        v.method = "GET";
        v.target = "http://elsewhere/x";
        QCOMPARE(serve::route(v, entries, 0).status, 400);
    }

    void decodesQueryParameters() {
        QCOMPARE(serve::queryParameter("/a?user=a%20b&x=1", "user"), std::string("a b"));
        QCOMPARE(serve::queryParameter("/a?x=1&user=c+d", "user"), std::string("c d"));
        QCOMPARE(serve::queryParameter("/a?username=x", "user"), std::string());
        QCOMPARE(serve::queryParameter("/a?user=%zz", "user"), std::string("%zz"));
        QCOMPARE(serve::queryParameter("/a", "user"), std::string());
    }

    void onlyLoopbackCountsAsLoopback() {
        QVERIFY(serve::LiveEndpoint::isLoopback("127.0.0.1"));
        QVERIFY(serve::LiveEndpoint::isLoopback("127.1.2.3"));
        QVERIFY(serve::LiveEndpoint::isLoopback("::1"));
        QVERIFY(serve::LiveEndpoint::isLoopback("localhost"));
        QVERIFY(!serve::LiveEndpoint::isLoopback("0.0.0.0"));
        QVERIFY(!serve::LiveEndpoint::isLoopback("192.168.1.4"));
        QVERIFY(!serve::LiveEndpoint::isLoopback("not an address"));
    }

    void answersWithWhatTheEmulationDid() {
        const QString path = writeDesign("ok.json", "[]");
        const QString result = m_dir.filePath("ok-result.json");
        Server server(path, {"--json", result});
        net::io_context io;
        tcp::socket socket = connectTo(io, server.port());

        const Reply first = exchange(socket, http::verb::get, "/items/7?user=ann");
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("X-Scaleboard-Outcome"), std::string("ok"));
        QCOMPARE(first.header("X-Scaleboard-Entry"), std::string("users"));
        QCOMPARE(first.header("X-Scaleboard-Class"), std::string("read"));
        // A cold key: the web server misses the cache and reads the database.
        QCOMPARE(first.header("X-Scaleboard-Path"), std::string("web1>cache(miss)>db"));
        const double coldMs = std::stod(first.header("X-Scaleboard-Latency-Ms"));
        // The link's 1 ms each way and the web server's and database's service at least.
        QVERIFY2(coldMs >= 2.0 && coldMs < 2000, first.header("X-Scaleboard-Latency-Ms").c_str());
        const auto body = QJsonDocument::fromJson(QByteArray::fromStdString(first.body)).object();
        QCOMPARE(body["outcome"].toString(), QString("ok"));
        QCOMPARE(body["path"].toArray().size(), 3);

        // The same key again, on the same (kept-alive) connection: the cache has it now.
        const Reply second = exchange(socket, http::verb::get, "/items/7");
        QCOMPARE(second.status, 200);
        QCOMPARE(second.header("X-Scaleboard-Path"), std::string("web1>cache(hit)"));
        QVERIFY(std::stod(second.header("X-Scaleboard-Latency-Ms")) >= 2.0);

        const Reply write = exchange(socket, http::verb::post, "/items/7");
        QCOMPARE(write.status, 200);
        QCOMPARE(write.header("X-Scaleboard-Class"), std::string("write"));
        QVERIFY(write.header("X-Scaleboard-Path").find("db") != std::string::npos);

        const Reply head = exchange(socket, http::verb::head, "/items/8");
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.empty());

        const Reply wrongRegion = exchange(socket, http::verb::get, "/items/7?region=mars");
        QCOMPARE(wrongRegion.status, 400);
        QVERIFY(wrongRegion.body.find("'eu'") != std::string::npos);
        socket.close();

        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.output().contains("4 real requests (0 failed in the emulation)"),
                 server.output().constData());
        const QJsonObject data = readJson(result)["data"].toObject();
        QCOMPARE(data["real_requests"].toInt(), 4);
        QCOMPARE(data["real_failed"].toInt(), 0);
    }

    void failedWebServerTurnsTheAnswersInto503s() {
        const QString path =
            writeDesign("failed.json", R"([{"at_s": 0, "target": "web1", "action": "fail"}])");
        const QString result = m_dir.filePath("failed-result.json");
        Server server(path, {"--json", result});
        net::io_context io;
        tcp::socket socket = connectTo(io, server.port());
        for (int i = 0; i < 3; ++i) {
            const Reply r = exchange(socket, http::verb::get, "/items/" + std::to_string(i + 1));
            QCOMPARE(r.status, 503);
            QCOMPARE(r.header("X-Scaleboard-Outcome"), std::string("node_down"));
            QCOMPARE(r.header("X-Scaleboard-Path"), std::string("web1"));
        }
        socket.close();
        QCOMPARE(server.stop(), 0);
        const QJsonObject data = readJson(result)["data"].toObject();
        QCOMPARE(data["real_requests"].toInt(), 3);
        QCOMPARE(data["real_failed"].toInt(), 3);
    }

    void survivesMalformedOversizedAndSlowRequests() {
        const QString path = writeDesign("hostile.json", "[]");
        Server server(path, {"--read-timeout", "0.3"});
        net::io_context io;
        {
            tcp::socket s = connectTo(io, server.port());
            net::write(s, net::buffer(std::string("HELLO THERE\r\n\r\n")));
            const std::string answer = readUntilClosed(s);
            QVERIFY2(answer.rfind("HTTP/1.1 400", 0) == 0, answer.c_str());
        }
        {
            tcp::socket s = connectTo(io, server.port());
            const std::string huge =
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
            boost::system::error_code ec;
            net::write(s, net::buffer(huge), ec);
            const std::string answer = readUntilClosed(s);
            QVERIFY2(answer.rfind("HTTP/1.1 431", 0) == 0, answer.substr(0, 200).c_str());
        }
        {
            // Slowloris: half a header, then nothing; the server closes at its read timeout.
            tcp::socket s = connectTo(io, server.port());
            net::write(s, net::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\n")));
            QCOMPARE(readUntilClosed(s), std::string());
        }
        // Thousands of bad requests later, the server still answers and has not grown.
        const long before = residentKiB(server.pid());
        for (int i = 0; i < 2000; ++i) {
            tcp::socket s = connectTo(io, server.port());
            boost::system::error_code ec;
            net::write(s,
                       net::buffer(i % 2 ? "GET /" + std::string(9000, 'x') + " HTTP/1.1\r\n\r\n"
                                         : std::string("GET /x NOTHTTP\r\n\r\n")),
                       ec);
            const std::string answer = readUntilClosed(s);
            QVERIFY2(answer.rfind(i % 2 ? "HTTP/1.1 431" : "HTTP/1.1 400", 0) == 0,
                     answer.substr(0, 100).c_str());
        }
        const long after = residentKiB(server.pid());
        QVERIFY2(before > 0 && after - before < 16 * 1024,
                 QString("resident memory %1 KiB -> %2 KiB").arg(before).arg(after).toUtf8());
        tcp::socket s = connectTo(io, server.port());
        QCOMPARE(exchange(s, http::verb::get, "/items/2").status, 200);
        s.close();
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.output().contains("slow clients closed"), server.output().constData());
    }

    void refusesConnectionsOverTheLimit() {
        const QString path = writeDesign("flood.json", "[]");
        Server server(path, {"--max-connections", "8"});
        net::io_context io;
        // A flood: eight idle connections fill the limit; the ninth is told so and closed.
        std::vector<tcp::socket> held;
        for (int i = 0; i < 8; ++i) {
            held.push_back(connectTo(io, server.port()));
            QCOMPARE(exchange(held.back(), http::verb::get, "/items/1").status, 200);
        }
        tcp::socket extra = connectTo(io, server.port());
        const std::string answer = readUntilClosed(extra);
        QVERIFY2(answer.rfind("HTTP/1.1 503", 0) == 0, answer.c_str());
        QVERIFY(answer.find("too many connections") != std::string::npos);
        // Once they close, connections are served again (the server notices the closes as
        // it reads them, so the first attempts may still find it full).
        held.clear();
        int status = 0;
        for (int attempt = 0; attempt < 200 && status != 200; ++attempt) {
            tcp::socket again = connectTo(io, server.port());
            boost::system::error_code ec;
            http::request<http::string_body> req(http::verb::get, "/items/1", 11);
            http::write(again, req, ec);
            boost::beast::flat_buffer buffer;
            http::response<http::string_body> res;
            http::read(again, buffer, res, ec);
            status = ec ? 0 : static_cast<int>(res.result_int());
        }
        QCOMPARE(status, 200);
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.output().contains(" refused)") && !server.output().contains("(0 refused)"),
                 server.output().constData());
    }

    void answersPipelinedRequestsInOrder() {
        const QString path = writeDesign("pipelined.json", "[]");
        Server server(path, {});
        net::io_context io;
        tcp::socket s = connectTo(io, server.port());
        // Three requests in one write; the answers come back in the order asked.
        std::string three;
        for (const char* target : {"/items/11", "/static/app.css", "/items/12?region=eu"})
            three += std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
        net::write(s, net::buffer(three));
        boost::beast::flat_buffer buffer;
        std::vector<std::string> classes;
        for (int i = 0; i < 3; ++i) {
            http::response<http::string_body> res;
            http::read(s, buffer, res);
            QCOMPARE(static_cast<int>(res.result_int()), 200);
            classes.emplace_back(res["X-Scaleboard-Class"]);
        }
        QCOMPARE(classes, (std::vector<std::string>{"read", "static", "read"}));
        s.close();
        QCOMPARE(server.stop(), 0);
    }

    void stoppingAnswersTheRequestsInFlight() {
        // Users in front of a web server that takes half a second, and probes in front of
        // a fast one: the stop comes while the slow request is in the emulation.
        QByteArray twoTiers = design("[]");
        twoTiers.replace(R"("service_ms": 5}})", R"("service_ms": 500, "service_dist": "constant"}},
    {"id": "probes", "kind": "clients", "props": {"users": 1, "requests_per_user_per_min": 1}},
    {"id": "web2", "kind": "web_server", "props": {"embedded_db_ms": 0}})");
        twoTiers.replace(R"({"from": "web1", "to": "db"})",
                         R"({"from": "web1", "to": "db"}, {"from": "probes", "to": "web2"})");
        const QString path = m_dir.filePath("two-tiers.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(twoTiers);
        f.close();
        Server server(path, {});
        net::io_context io;
        tcp::socket slow = connectTo(io, server.port());
        http::request<http::empty_body> req(http::verb::get, "/items/3", 11);
        req.set(http::field::host, "x");
        http::write(slow, req);
        // A probe asked after it and answered: the server has read the slow request too
        // (it came first on a connection already open).
        tcp::socket probe = connectTo(io, server.port());
        QCOMPARE(exchange(probe, http::verb::get, "/items/4?client=probes").status, 200);
        probe.close();

        const int stopped = server.stop(); // returns once the drained process has exited
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> res;
        boost::system::error_code ec;
        http::read(slow, buffer, res, ec);
        QVERIFY2(!ec, ec.message().c_str());
        QCOMPARE(static_cast<int>(res.result_int()), 200);
        QVERIFY(std::stod(std::string(res["X-Scaleboard-Latency-Ms"])) >= 500);
        QCOMPARE(std::string(res[http::field::connection]), std::string("close"));
        QCOMPARE(stopped, 0);
    }

    void refusesBadOptions() {
        const QString path = writeDesign("opts.json", "[]");
        const auto run = [&path](const QStringList& args) {
            QProcess p;
            p.start(SCALEBOARD_CLI_PATH, QStringList{"serve", path} + args);
            p.waitForFinished(30000);
            return std::make_pair(p.exitCode(), QString(p.readAllStandardError()));
        };
        auto [code, err] = run({"--bind", "0.0.0.0"});
        QCOMPARE(code, 2);
        QVERIFY2(err.contains("--allow-remote"), qPrintable(err));
        std::tie(code, err) = run({"--speed", "max"});
        QCOMPARE(code, 2);
        QVERIFY2(err.contains("real-time"), qPrintable(err));
        std::tie(code, err) = run({"--port", "70000"});
        QCOMPARE(code, 2);
        std::tie(code, err) = run({"--entry", "web1", "--port", "0"});
        QCOMPARE(code, 2);
        QVERIFY2(err.contains("'web1' is not a clients node"), qPrintable(err));
        std::tie(code, err) = run({"--read-timeout", "0"});
        QCOMPARE(code, 2);
    }
};

QTEST_GUILESS_MAIN(ServeTest)
#include "ServeTest.moc"
