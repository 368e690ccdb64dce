#include "components/registry/ComponentRegistry.h"
#include "design/DesignJson.h"
#include "gui/document/DesignDocument.h"
#include "gui/live/ChartsDock.h"
#include "gui/live/LiveRun.h"
#include "gui/live/LiveSession.h"
#include "gui/live/RunBar.h"
#include "gui/window/MainWindow.h"

#include <QAction>
#include <QLabel>
#include <QLineSeries>
#include <QRegularExpression>
#include <QUrl>
#include <QtTest>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>
#include <sys/time.h>

using namespace sb;
using namespace sb::gui;
namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

/// The step-5 template (users, DNS, balancer, web tier, cache, databases) without its
/// scripted cache failure.
design::Design stepFive() {
    auto loaded =
        design::readDesignFile(SCALEBOARD_SOURCE_DIR "/resources/templates/step05-cache.json",
                               comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        qFatal("cannot read the step-5 template");
    design::Design d = *loaded.design;
    d.faults.clear();
    return d;
}

std::uint16_t portOf(const QString& url) {
    const auto m = QRegularExpression(QStringLiteral(":(\\d+)/$")).match(url);
    return m.hasMatch() ? static_cast<std::uint16_t>(m.captured(1).toUInt()) : 0;
}

/// One GET on a fresh connection; the status and the path header ("" when none came).
std::pair<int, std::string> get(std::uint16_t port, const std::string& target) {
    net::io_context io;
    tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
    if (ec)
        return {0, ec.message()};
    timeval limit{20, 0};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    http::request<http::empty_body> req(http::verb::get, target, 11);
    req.set(http::field::host, "127.0.0.1");
    http::write(socket, req, ec);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res, ec);
    if (ec)
        return {0, ec.message()};
    return {static_cast<int>(res.result_int()), std::string(res["X-Scaleboard-Path"])};
}

} // namespace

class LiveEndpointTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theWindowsRunAnswersRealRequests() {
        // Port 8080 held here: the endpoint must pick another and say which.
        net::io_context io;
        tcp::acceptor squatter(io);
        boost::system::error_code ec;
        squatter.open(tcp::v4(), ec);
        squatter.bind(tcp::endpoint(net::ip::make_address("127.0.0.1"), 8080), ec);
        if (!ec)
            squatter.listen(1, ec);

        MainWindow window(comp::ComponentRegistry::builtin());
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.document().reset(stepFive());
        window.showWelcome(false);
        LiveSession& live = *window.live();
        RunBar& bar = *live.runBar();
        QAction* toggle = bar.liveEndpointAction();
        QVERIFY(toggle && toggle->isCheckable());

        toggle->setChecked(true);
        QCOMPARE(bar.liveEndpointLabel()->text(), QStringLiteral("opens when a run starts"));
        emu::RunSettings s;
        s.seed = 1;
        s.durationSeconds = 600;
        s.warmupSeconds = 0;
        bar.showSettings(s);
        bar.setSpeed(1);
        QVERIFY(live.play());
        QTRY_VERIFY(!live.run().liveEndpointUrl().isEmpty());
        const QString url = live.run().liveEndpointUrl();
        QCOMPARE(bar.liveEndpointLabel()->text(), QUrl(url).authority()); // 127.0.0.1:PORT
        QVERIFY(bar.liveEndpointLabel()->toolTip().contains(url));
        const std::uint16_t port = portOf(url);
        QVERIFY2(port != 0 && port != 8080, qPrintable(url));

        // Real requests travel the drawn path: DNS, the balancer, a web server, the cache.
        for (int i = 0; i < 5; ++i) {
            const auto [status, path] = get(port, "/items/" + std::to_string(100 + i));
            QCOMPARE(status, 200);
            QVERIFY2(path.rfind("dns>lb>web", 0) == 0 && path.find("cache(") != std::string::npos,
                     path.c_str());
        }
        // They are counted apart in a chart of their own.
        QTRY_VERIFY(live.charts()->lineFor("real_requests") &&
                    live.charts()->lineFor("real_requests")->count() > 0 &&
                    live.charts()
                            ->lineFor("real_requests")
                            ->at(live.charts()->lineFor("real_requests")->count() - 1)
                            .y() >= 5);

        toggle->setChecked(false);
        QVERIFY(live.run().liveEndpointUrl().isEmpty());
        QVERIFY(bar.liveEndpointLabel()->text().isEmpty());
        QCOMPARE(get(port, "/items/1").first, 0); // nothing listens there now
        live.run().stop();
        QTRY_VERIFY(!live.run().isActive());
    }

    void aRunWithoutTheEndpointHasNoRealRequestChart() {
        MainWindow window(comp::ComponentRegistry::builtin());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.document().reset(stepFive());
        window.showWelcome(false);
        LiveSession& live = *window.live();
        live.runBar()->setSpeed(0);
        QVERIFY(live.play());
        QTRY_VERIFY_WITH_TIMEOUT(!live.run().isActive(), 60000);
        QVERIFY(!live.charts()->lineFor("real_requests"));
        QVERIFY(live.charts()->lineFor("throughput_rps"));
    }
};

QTEST_MAIN(LiveEndpointTest)
#include "LiveEndpointTest.moc"
