// Messages over links (emu::Message): delivered after the link's latency, jitter and
// slowing, in either direction; lost to a link's loss or cut (when sent or while on the
// wire) and to a receiver that is down; drawn from a stream of their own, so the requests'
// draws on the same link stay as they were; the same seed gives the same trace.
#include "emulator/Simulation.h"

#include <QtTest>
#include <cmath>

using namespace sb::emu;

namespace msgtest {

struct Ping {
    std::uint64_t number = 0;
    Time sentAt = 0;
};

constexpr std::uint32_t kPing = 7;

/// Sends pings on demand and records the ones it receives.
class Peer final : public Node {
public:
    Peer(Simulation& sim, std::string id)
        : Node(sim, std::move(id), "peer") {}
    void onRequest(std::uint32_t, std::uint32_t) override {}
    void onMessage(const Message& m) override {
        QCOMPARE(m.tag, kPing);
        QCOMPARE(m.to, index());
        received.push_back({m.as<Ping>(), now(), m.from, m.link});
    }
    void ping(std::uint32_t link, std::uint32_t target, std::uint64_t number) {
        sendMessage(link, target, kPing, Ping{number, now()});
    }
    struct Arrival {
        Ping ping;
        Time at;
        std::uint32_t from, link;
    };
    std::vector<Arrival> received;
};

struct TwoPeers {
    explicit TwoPeers(std::uint64_t seed = 1, Time latency = 5 * kMillisecond, Time jitter = 0,
                      double loss = 0)
        : sim(seed)
        , a(sim.addNode<Peer>("a"))
        , b(sim.addNode<Peer>("b"))
        , link(sim.addLink(a.index(), b.index(), latency, jitter, loss)) {}
    /// `a` pings `b` every millisecond from t = 0 for `count` pings.
    void pingEveryMs(int count) {
        for (int i = 0; i < count; ++i)
            sim.at(i * kMillisecond, [this, i] { a.ping(link, b.index(), i); });
    }
    Simulation sim;
    Peer& a;
    Peer& b;
    std::uint32_t link;
};

} // namespace msgtest

using namespace msgtest;

class EngineMessagesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deliveredAfterTheLatencyEitherWay() {
        TwoPeers t;
        t.sim.at(0, [&] { t.a.ping(t.link, t.b.index(), 1); });
        t.sim.at(kMillisecond, [&] { t.b.ping(t.link, t.a.index(), 2); }); // against the arrow
        t.sim.kernel().runUntil(kSecond);
        QCOMPARE(t.b.received.size(), std::size_t(1));
        QCOMPARE(t.b.received[0].ping.number, std::uint64_t(1));
        QCOMPARE(t.b.received[0].at, 5 * kMillisecond);
        QCOMPARE(t.b.received[0].from, t.a.index());
        QCOMPARE(t.b.received[0].link, t.link);
        QCOMPARE(t.a.received.size(), std::size_t(1));
        QCOMPARE(t.a.received[0].at, 6 * kMillisecond);
        QCOMPARE(t.sim.links()[t.link].messages, std::uint64_t(2));
        QCOMPARE(t.sim.links()[t.link].messagesLost, std::uint64_t(0));
        QCOMPARE(t.sim.links()[t.link].sent, std::uint64_t(0)); // requests only
    }

    void slowingAndJitterDelayThem() {
        TwoPeers t(1, 5 * kMillisecond, 2 * kMillisecond);
        t.sim.links()[t.link].extraLatency = 2 * kSecond;
        t.pingEveryMs(200);
        t.sim.kernel().runUntil(10 * kSecond);
        QCOMPARE(t.b.received.size(), std::size_t(200));
        Time least = kNever, most = 0;
        for (const auto& r : t.b.received) {
            least = std::min(least, r.at - r.ping.sentAt);
            most = std::max(most, r.at - r.ping.sentAt);
        }
        QVERIFY(least >= 2 * kSecond + 5 * kMillisecond);
        QVERIFY(most < 2 * kSecond + 7 * kMillisecond);
        QVERIFY(most - least > kMillisecond); // the jitter spreads them
    }

    void aCutLinkLosesWhatItIsSentAndWhatIsOnTheWire() {
        TwoPeers t;
        t.pingEveryMs(30);
        // Cut from 10 ms to 19.5 ms: pings 5..9 are on the wire then (5 ms), 10..19 are sent
        // while it is cut.
        t.sim.at(10 * kMillisecond, [&] { t.sim.links()[t.link].cut = true; });
        t.sim.at(19 * kMillisecond + 500 * kMicrosecond,
                 [&] { t.sim.links()[t.link].cut = false; });
        t.sim.kernel().runUntil(kSecond);
        std::vector<std::uint64_t> got;
        for (const auto& r : t.b.received)
            got.push_back(r.ping.number);
        std::vector<std::uint64_t> expected;
        for (std::uint64_t i = 0; i < 30; ++i)
            if (i < 5 || i >= 20)
                expected.push_back(i);
        QCOMPARE(got, expected);
        QCOMPARE(t.sim.links()[t.link].messagesLost, std::uint64_t(15));
    }

    void aLossyLinkDropsAboutItsFraction() {
        const int n = 20000;
        TwoPeers t(3, kMillisecond, 0, 0.3);
        const RandomStream requestsBefore = t.sim.links()[t.link].rng;
        t.pingEveryMs(n);
        t.sim.kernel().runUntil(30 * kSecond);
        const double delivered = static_cast<double>(t.b.received.size());
        // Binomial(n, 0.7): the standard deviation is sqrt(n * 0.7 * 0.3) = 65; allow 5 of it.
        QVERIFY2(std::abs(delivered - 0.7 * n) < 5 * std::sqrt(n * 0.21),
                 qPrintable(QString::number(delivered)));
        QCOMPARE(t.sim.links()[t.link].messagesLost,
                 static_cast<std::uint64_t>(n) - t.b.received.size());
        // The requests' stream on the link was not drawn from.
        RandomStream after = t.sim.links()[t.link].rng, before = requestsBefore;
        QCOMPARE(after.next(), before.next());
    }

    void aDownReceiverGetsNothing() {
        TwoPeers t;
        t.pingEveryMs(10);
        t.sim.at(0, [&] { t.b.fail(); });
        t.sim.at(8 * kMillisecond, [&] { t.b.recover(); }); // pings sent from 3 ms arrive
        t.sim.kernel().runUntil(kSecond);
        QCOMPARE(t.b.received.size(), std::size_t(7));
        QCOMPARE(t.b.received.front().ping.number, std::uint64_t(3));
    }

    void sameSeedSameTrace() {
        auto trace = [](std::uint64_t seed) {
            TwoPeers t(seed, kMillisecond, 3 * kMillisecond, 0.2);
            t.pingEveryMs(1000);
            t.sim.kernel().runUntil(5 * kSecond);
            return std::pair{t.sim.kernel().fingerprint(), t.b.received.size()};
        };
        QCOMPARE(trace(5), trace(5));
        QVERIFY(trace(5) != trace(6));
    }
};

QTEST_GUILESS_MAIN(EngineMessagesTest)
#include "test_engine_messages.moc"
