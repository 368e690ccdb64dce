// Load shedding on a web server under sustained overload (offered 1.5 times what it can
// serve): both queue orders serve at capacity (workers / service time, here 100 per
// second); FIFO serves only requests that waited about the whole queue timeout, adaptive
// LIFO serves the newest first and sheds the old end at the timeout, so the requests it
// answers are answered fast.
#include "TestDesign.h"

#include <QTest>
#include <cmath>

using namespace sbtest;

namespace {

/// 150 requests a second (Poisson) to one worker that takes exactly 10 ms, a queue of
/// thousands and a 300 ms queue timeout; the users wait 2 s.
TestDesign overloaded(const std::string& order) {
    TestDesign d;
    d.node("users", "clients",
           {{"rate_rps", 150},
            {"users", 1000},
            {"timeout_ms", 2000},
            {"mix", {{"read", 1.0}, {"write", 0.0}, {"static", 0.0}}}})
        .node("web", "web_server",
              {{"workers", 1},
               {"service_ms", 10},
               {"service_dist", "constant"},
               {"embedded_db_ms", 0},
               {"queue_limit", 100000},
               {"timeout_ms", 300},
               {"queue_order", order},
               {"lifo_after", 5}})
        .link("users", "web", {{"latency_ms", 0.1}});
    return d;
}

} // namespace

class LoadSheddingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bothOrdersServeAtCapacity() {
        for (const char* order : {"fifo", "adaptive_lifo"}) {
            const auto r = overloaded(order).run(200, 20);
            QVERIFY2(r.error.empty(), r.error.c_str());
            const double served = r.ok / r.virtualSeconds; // the window after the warm-up
            // The worker never idles: 1 / 10 ms = 100 per second.
            QVERIFY2(std::abs(served - 100) < 2,
                     qPrintable(QStringLiteral("%1: %2/s").arg(order).arg(served)));
            // The rest time out in the queue (a third of the offered 150 per second).
            QVERIFY(r.failedBy("timeout") > 0);
        }
    }

    void adaptiveLifoAnswersTheRequestsItServesFast() {
        const auto fifo = overloaded("fifo").run(200, 20);
        const auto lifo = overloaded("adaptive_lifo").run(200, 20);
        // FIFO under overload: every served request waited for nearly the whole timeout.
        QVERIFY2(fifo.p50Ms > 250, QByteArray::number(fifo.p50Ms));
        // LIFO: the newest go first; the median answered request waited a few services.
        QVERIFY2(
            lifo.p50Ms < fifo.p50Ms / 3,
            qPrintable(
                QStringLiteral("lifo p50 %1 ms, fifo p50 %2 ms").arg(lifo.p50Ms).arg(fifo.p50Ms)));
        // It sheds the old end instead of serving it: nothing served waited past the timeout.
        QVERIFY(lifo.maxMs < 300 + 10 + 1);
    }

    void fifoIsTheDefault() {
        TestDesign d = overloaded("fifo");
        d.design().nodes[1].props.erase("queue_order");
        const auto r = d.run(60, 10);
        const auto f = overloaded("fifo").run(60, 10);
        QCOMPARE(r.fingerprint, f.fingerprint);
    }
};

QTEST_GUILESS_MAIN(LoadSheddingTest)
#include "LoadSheddingTest.moc"
