// The back-of-the-envelope calculator against values computed by hand.
#include "practice/Envelope.h"
#include "cli/CliApp.h"

#include <QtTest>
#include <cmath>

using namespace sb::practice;

class EnvelopeTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void harmonicNumbers() {
        // H(10) = 7381/2520.
        QCOMPARE(harmonic(10, 1), 7381.0 / 2520.0);
        QCOMPARE(harmonic(5, 0), 5.0);
        // Past the exact terms: H(1e6) = ln 1e6 + gamma + 1/(2e6) - 1/(12e12) ...
        QVERIFY(std::abs(harmonic(1000000, 1) - 14.392726722864723) < 1e-9);
        // sum 1/k^2 to 1e6 = pi^2/6 - 1/1e6 + 1/(2e12) - ...
        const double pi = std::acos(-1.0);
        QVERIFY(std::abs(harmonic(1000000, 2) - (pi * pi / 6 - 1e-6 + 0.5e-12)) < 1e-12);
    }
    void hotSet() {
        // Zipf(1) over 10 keys: H(10) / 2 = 1.4645; H(1) = 1 < it <= H(2) = 1.5.
        QCOMPARE(hotSetKeys(10, 1, 0.5), std::uint64_t{2});
        // Uniform popularity: half the requests need half the keys.
        QCOMPARE(hotSetKeys(10, 0, 0.5), std::uint64_t{5});
        QCOMPARE(hotSetKeys(1000, 1, 1.0), std::uint64_t{1000});
        QCOMPARE(hotSetKeys(1000, 1, 0), std::uint64_t{0});
    }
    void envelope() {
        EnvelopeInputs in; // 1e6 users x 10 requests a day, 10% writes of 1000 B, x3 peak
        in.keys = 10;
        in.zipfS = 1;
        in.hotHitRatio = 0.5;
        const Envelope e = computeEnvelope(in);
        QCOMPARE(e.averageQps, 1e7 / 86400);              // 115.74
        QCOMPARE(e.peakQps, 3e7 / 86400);                 // 347.22
        QCOMPARE(e.storageBytes, 1e6 * 365 * 1000 * 3);   // 1e6 writes a day, a year, x3
        QCOMPARE(e.peakBandwidthBps, 3e7 / 86400 * 1000); // 347 kB/s
        QCOMPARE(e.hotKeys, std::uint64_t{2});
        QCOMPARE(e.cacheBytes, 2000.0);
        QCOMPARE(e.peakConcurrency, 3e7 / 86400 * 0.02); // 6.94 requests in service
        QCOMPARE(e.serversNeeded, std::uint64_t{2});     // 6.94 / (8 x 0.7) = 1.24
    }
    void estimatesAgainstTheEnvelope() {
        const Envelope e = computeEnvelope(EnvelopeInputs{});
        const auto checks =
            compareEstimates({{"average_qps", 100}, {"servers", 4}, {"no_such", 1}}, e);
        QCOMPARE(checks.size(), std::size_t{2});
        QCOMPARE(checks[0].quantity, std::string("average_qps"));
        QVERIFY(std::abs(checks[0].factorOff - 1e7 / 86400 / 100) < 1e-12);
        QCOMPARE(checks[1].computed, 2.0);
        QCOMPARE(checks[1].factorOff, 2.0);
    }
    void estimateCommandExitCodes() {
        const auto exitCode = [](std::vector<std::string> args) {
            args.insert(args.begin(), "scaleboard-cli");
            std::vector<char*> argv;
            for (auto& a : args)
                argv.push_back(a.data());
            return sb::cli::runCli(static_cast<int>(argv.size()), argv.data());
        };
        QCOMPARE(exitCode({"estimate", "--json", "--estimate", "servers=2"}), 0);
        QCOMPARE(exitCode({"estimate", "--zipf", "5"}), 2);
        QCOMPARE(exitCode({"estimate", "--daily-users", "nan"}), 2);
        QCOMPARE(exitCode({"estimate", "--estimate", "no_such=1"}), 2);
        QCOMPARE(exitCode({"estimate", "--estimate", "peak_qps=abc"}), 2);
    }
};

QTEST_GUILESS_MAIN(EnvelopeTest)
#include "EnvelopeTest.moc"
