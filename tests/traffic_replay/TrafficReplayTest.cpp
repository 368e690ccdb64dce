// A clients node replays an access log: lines parse (common and combined formats, request
// times, fractions of seconds), malformed ones are counted with their line numbers, and the
// emulated arrivals match a generated log's count, class mix and spacing.
#include "../components_request/TestDesign.h"

#include "components/clients/AccessLogLine.h"
#include "components/clients/AccessLogReplay.h"
#include "components/common/HttpRequestMapping.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <fstream>
#include <sstream>

using namespace sbtest;
using sb::comp::AccessLogLine;
using sb::comp::AccessLogReplay;
using sb::emu::RequestClass;

Q_DECLARE_METATYPE(RequestClass)

namespace {

std::unique_ptr<std::istream> textStream(const std::string& text) {
    return std::make_unique<std::istringstream>(text);
}

/// `count` requests a second for `seconds` seconds, each second 7 page views, 2 updates and
/// 1 asset per 10 requests, from 25 addresses; whole-second stamps from 12:00:00 UTC.
std::string generatedLog(int seconds, int perSecond) {
    static const char* requests[] = {
        "GET /items/1", "GET /items/2", "GET /items/3",  "GET /items/4", "GET /items/5",
        "GET /items/6", "GET /items/7", "POST /items/8", "PUT /items/9", "GET /static/site.css"};
    std::string out;
    int n = 0;
    for (int s = 0; s < seconds; ++s)
        for (int i = 0; i < perSecond; ++i, ++n) {
            char line[200];
            std::snprintf(line, sizeof line,
                          "10.0.0.%d - - [02/Dec/2026:12:%02d:%02d +0000] \"%s HTTP/1.1\" 200 512 "
                          "\"-\" \"bench\" 0.010\n",
                          n % 25, s / 60, s % 60, requests[n % 10]);
            out += line;
        }
    return out;
}

} // namespace

class TrafficReplayTest : public QObject {
    Q_OBJECT

    std::string writeLog(QTemporaryDir& dir, const std::string& text) {
        const std::string path = dir.filePath(QStringLiteral("access.log")).toStdString();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    struct CliRun {
        int exitCode = -1;
        std::string out, err;
    };
    static CliRun runCli(const QStringList& args) {
        QProcess cli;
        cli.start(QStringLiteral(SCALEBOARD_CLI_PATH), args);
        CliRun r;
        if (!cli.waitForFinished(120000))
            return r;
        r.exitCode = cli.exitCode();
        r.out = cli.readAllStandardOutput().toStdString();
        r.err = cli.readAllStandardError().toStdString();
        return r;
    }
    static QString sampleDesign() {
        return QStringLiteral(SCALEBOARD_SOURCE_DIR "/resources/traffic/replay-access-log.json");
    }

    TestDesign replayDesign(const std::string& log, double speed) {
        TestDesign d;
        d.node("users", "clients", {{"traffic_log", log}, {"traffic_speed", speed}, {"keys", 100}})
            .node("web", "web_server", {{"workers", 64}, {"service_ms", 1}})
            .link("users", "web");
        return d;
    }

private Q_SLOTS:
    void commonFormatLine() {
        const auto parsed = sb::comp::parseAccessLogLine(
            "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 "
            "2326");
        const auto* line = std::get_if<AccessLogLine>(&parsed);
        QVERIFY(line);
        QCOMPARE(line->address, std::string("127.0.0.1"));
        QCOMPARE(line->timestamp, 971211336.0); // 20:55:36 UTC
        QVERIFY(!line->subsecond);
        QCOMPARE(line->method, std::string("GET"));
        QCOMPARE(line->path, std::string("/apache_pb.gif"));
        QCOMPARE(line->status, 200);
        QVERIFY(!line->requestSeconds);
    }

    void combinedFormatWithRequestTimes_data() {
        QTest::addColumn<QString>("tail");
        QTest::addColumn<double>("seconds");
        QTest::newRow("nginx seconds") << "0.250" << 0.25;
        QTest::newRow("apache microseconds") << "250000" << 0.25;
        QTest::newRow("named") << "rt=0.250" << 0.25;
    }
    void combinedFormatWithRequestTimes() {
        QFETCH(QString, tail);
        QFETCH(double, seconds);
        const std::string text = "2001:db8::1 - - [01/Jan/2026:00:00:00.500 +0100] \"POST "
                                 "/items/4?x=1 HTTP/2.0\" 201 - \"https://a.example/\" "
                                 "\"Mozilla/5.0 (X11; \\\"quoted\\\")\" " +
                                 tail.toStdString();
        const auto parsed = sb::comp::parseAccessLogLine(text);
        const auto* line = std::get_if<AccessLogLine>(&parsed);
        QVERIFY2(line, line ? "" : std::get<std::string>(parsed).c_str());
        QCOMPARE(line->timestamp, 1767222000.5); // 2025-12-31 23:00:00.5 UTC
        QVERIFY(line->subsecond);
        QCOMPARE(line->status, 201);
        QVERIFY(line->requestSeconds);
        QCOMPARE(*line->requestSeconds, seconds);
    }

    void malformedLines_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("reason");
        const QString ok = QStringLiteral("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] ");
        QTest::newRow("empty") << ""
                               << "empty line";
        QTest::newRow("no date") << "1.2.3.4 - - \"GET / HTTP/1.1\" 200 1"
                                 << "no [date]";
        QTest::newRow("bad month")
            << "1.2.3.4 - - [10/Foo/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1"
            << "bad date";
        QTest::newRow("bad zone")
            << "1.2.3.4 - - [10/Oct/2000:13:55:36 0700] \"GET / HTTP/1.1\" 200 1"
            << "bad time zone";
        QTest::newRow("unclosed request") << ok + "\"GET / HTTP/1.1 200 1"
                                          << "no quoted request";
        QTest::newRow("dash request") << ok + "\"-\" 400 0"
                                      << "no request line";
        QTest::newRow("bad method") << ok + "\"get / HTTP/1.1\" 200 1"
                                    << "bad method";
        QTest::newRow("bad path") << ok + "\"GET index HTTP/1.1\" 200 1"
                                  << "bad path";
        QTest::newRow("bad protocol") << ok + "\"GET / FTP/1\" 200 1"
                                      << "bad protocol";
        QTest::newRow("bad status") << ok + "\"GET / HTTP/1.1\" 2x0 1"
                                    << "bad status";
        QTest::newRow("bad bytes") << ok + "\"GET / HTTP/1.1\" 200 many"
                                   << "bad byte count";
        QTest::newRow("bad time") << ok + "\"GET / HTTP/1.1\" 200 1 -1"
                                  << "bad request time";
        QTest::newRow("trailing words") << ok + "\"GET / HTTP/1.1\" 200 1 0.1 extra"
                                        << "unexpected fields";
    }
    void malformedLines() {
        QFETCH(QString, line);
        QFETCH(QString, reason);
        const auto parsed = sb::comp::parseAccessLogLine(line.toStdString());
        const auto* why = std::get_if<std::string>(&parsed);
        QVERIFY(why);
        QVERIFY2(why->starts_with(reason.toStdString()), why->c_str());
    }

    void requestMapping_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<RequestClass>("cls");
        QTest::newRow("page") << "GET"
                              << "/items/42" << RequestClass::Read;
        QTest::newRow("static folder") << "GET"
                                       << "/static/x" << RequestClass::Static;
        QTest::newRow("asset name") << "HEAD"
                                    << "/img/logo.png?v=3" << RequestClass::Static;
        QTest::newRow("job") << "POST"
                             << "/jobs/report" << RequestClass::Async;
        QTest::newRow("post") << "POST"
                              << "/items" << RequestClass::Write;
        QTest::newRow("put") << "PUT"
                             << "/items/3" << RequestClass::Write;
        QTest::newRow("delete") << "DELETE"
                                << "/jobs/3" << RequestClass::Write;
    }
    void requestMapping() {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(RequestClass, cls);
        const auto got = sb::comp::requestClassOf(method.toStdString(), path.toStdString());
        QVERIFY(got);
        QCOMPARE(static_cast<int>(*got), static_cast<int>(cls));
    }

    void keysFromPaths() {
        QCOMPARE(sb::comp::keyOfPath("/items/42", 100), 41u); // rank 42, 0-based
        QCOMPARE(sb::comp::keyOfPath("/items/142/?a=b", 100), 41u);
        QCOMPARE(sb::comp::keyOfPath("/about", 1000), sb::comp::keyOfPath("/about?x", 1000));
        QVERIFY(sb::comp::keyOfPath("/about", 1000) < 1000);
        QVERIFY(!sb::comp::requestClassOf("BREW", "/pot"));
    }

    void readerSpreadsASecondAndCountsMalformedLines() {
        const std::string second =
            "1.1.1.1 - - [02/Dec/2026:12:00:00 +0000] \"GET /a HTTP/1.1\" 200 1\n";
        const std::string later =
            "1.1.1.1 - - [02/Dec/2026:12:00:02 +0000] \"GET /b HTTP/1.1\" 200 1\n";
        const std::string early = // a second earlier than the line before: out of order
            "1.1.1.1 - - [02/Dec/2026:12:00:01 +0000] \"GET /c HTTP/1.1\" 200 1\n";
        AccessLogReplay replay(textStream(second + "garbage\n" + second + second + second +
                                          std::string(AccessLogReplay::kMaxLineBytes + 10, 'x') +
                                          "\n" + later + early +
                                          "1.1.1.1 - - [x] \"BREW / "
                                          "HTTP/1.1\" 200 1"));
        std::vector<double> offsets;
        while (auto a = replay.next())
            offsets.push_back(a->offsetSeconds);
        QCOMPARE(offsets.size(), std::size_t(6));
        for (int i = 0; i < 4; ++i)
            QCOMPARE(offsets[i], (i + 0.5) / 4);
        QCOMPARE(offsets[4], 2.25); // the earlier-stamped line joins the second it came in
        QCOMPARE(offsets[5], 2.75); // so arrivals never go back in time
        QCOMPARE(replay.outOfOrderCount(), std::uint64_t(1));
        QCOMPARE(replay.linesRead(), std::uint64_t(9));
        QCOMPARE(replay.malformedCount(), std::uint64_t(3));
        const auto malformed = replay.takeMalformed();
        QCOMPARE(malformed.size(), std::size_t(3));
        QCOMPARE(malformed[0].line, std::uint64_t(2));
        QCOMPARE(malformed[1].line, std::uint64_t(6));
        QVERIFY(malformed[1].reason.starts_with("longer than"));
        QCOMPARE(malformed[2].line, std::uint64_t(9));
    }

    void missingLogIsAnError() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 AccessLogReplay("/nonexistent/scaleboard/access.log"));
    }

    /// 10 requests a second for 30 s: the run issues exactly the log's 300 requests, in its
    /// class mix, one in every tenth of a second (the log's seconds spread evenly).
    void emulatedArrivalsMatchTheLog_data() {
        QTest::addColumn<double>("speed");
        QTest::newRow("as logged") << 1.0;
        QTest::newRow("twice as fast") << 2.0;
    }
    void emulatedArrivalsMatchTheLog() {
        QFETCH(double, speed);
        QTemporaryDir dir;
        const std::string log = writeLog(dir, generatedLog(30, 10) + "not a request\n");
        const auto r = replayDesign(log, speed).run(40);
        QCOMPARE(r.metric("users", "issued"), 300.0);
        QCOMPARE(r.metric("users", "traffic_replayed"), 300.0);
        QCOMPARE(r.metric("users", "traffic_malformed"), 1.0);
        QCOMPARE(r.okByClass[static_cast<int>(RequestClass::Read)], std::uint64_t(210));
        QCOMPARE(r.okByClass[static_cast<int>(RequestClass::Write)], std::uint64_t(60));
        QCOMPARE(r.okByClass[static_cast<int>(RequestClass::Static)], std::uint64_t(30));
        bool named = false;
        for (const auto& e : r.events)
            named |= e.kind == "traffic_malformed" && e.detail.find(":301: ") != std::string::npos;
        QVERIFY2(named, "the malformed line is reported by its number");
        // Inter-arrival times: the log's k requests of a second arrive at (i + 0.5) / k, so
        // by time t (at the series' 0.1 s samples) floor(10 t speed) of them have come.
        const auto issued = seriesColumn(r, "users.issued");
        const auto& time = r.series.time();
        QVERIFY(issued.size() > 100);
        for (std::size_t i = 0; i < issued.size(); ++i)
            QCOMPARE(issued[i], std::min(300.0, std::floor(time[i] * 10 * speed + 1e-6)));
        QVERIFY(seriesMean(r, "users.offered_rps", 2, 25 / speed) > 9.9 * speed);
        QVERIFY(seriesMean(r, "users.offered_rps", 2, 25 / speed) < 10.1 * speed);
        bool logged = false;
        for (const auto& e : r.events)
            logged |= e.kind == "traffic_replayed" &&
                      e.detail.find("mean request time 10 ms") != std::string::npos;
        QVERIFY(logged);
    }

    /// The shipped design replays the sample log beside it (a relative traffic_log): every
    /// request and both malformed lines, by number, in the JSON and the printed summary.
    void cliReplaysTheSampleLog() {
        const CliRun run = runCli(
            {QStringLiteral("run"), sampleDesign(), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(run.exitCode, 0);
        const std::size_t json = run.out.find("{\n");
        QVERIFY(json != std::string::npos);
        const auto result = nlohmann::json::parse(run.out.substr(json));
        QCOMPARE(result["nodes"]["users"]["traffic_replayed"].get<double>(), 2400.0);
        QCOMPARE(result["nodes"]["users"]["traffic_malformed"].get<double>(), 2.0);
        QCOMPARE(result["requests"]["total"].get<int>(), 2400);
        int listed = 0;
        for (const auto& e : result["events"])
            if (e["kind"] == "traffic_malformed") {
                const std::string detail = e["detail"];
                listed += detail.find("sample-access.log:51: ") != std::string::npos ||
                          detail.find("sample-access.log:901: ") != std::string::npos;
            }
        QCOMPARE(listed, 2);
        QVERIFY(run.out.find("2400 requests replayed of 2402 log lines, 2 malformed") !=
                std::string::npos);
        QVERIFY(run.out.find("malformed ") != std::string::npos);
    }

    /// --traffic replaces the design's log; a log that cannot be read is bad input (exit 2).
    void cliTrafficOption() {
        QTemporaryDir dir;
        const std::string log = writeLog(dir, generatedLog(5, 4));
        const CliRun run =
            runCli({QStringLiteral("run"), sampleDesign(), QStringLiteral("--traffic"),
                    QString::fromStdString(log), QStringLiteral("--duration"), QStringLiteral("10"),
                    QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--quiet")});
        QCOMPARE(run.exitCode, 0);
        const auto result = nlohmann::json::parse(run.out);
        QCOMPARE(result["nodes"]["users"]["traffic_replayed"].get<double>(), 20.0);
        QCOMPARE(result["nodes"]["users"]["traffic_malformed"].get<double>(), 0.0);

        const CliRun missing =
            runCli({QStringLiteral("run"), sampleDesign(), QStringLiteral("--traffic"),
                    QStringLiteral("users=/nonexistent/access.log")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.find("cannot read the access log") != std::string::npos,
                 missing.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TrafficReplayTest)
#include "TrafficReplayTest.moc"
