// Metrics: histogram percentiles against exact sorted samples, Zipf frequencies against
// the analytic probabilities, bounded series memory.
#include "emulator/LatencyHistogram.h"
#include "emulator/RandomStream.h"
#include "emulator/SeriesTable.h"
#include "emulator/ServiceTime.h"
#include "emulator/ZipfSampler.h"

#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace sb::emu;

class EngineMetricsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void percentilesWithinStatedError_data() {
        QTest::addColumn<QString>("shape");
        QTest::newRow("exponential") << "exponential";
        QTest::newRow("lognormal") << "lognormal";
        QTest::newRow("uniform") << "uniform";
        QTest::newRow("constant") << "constant";
    }
    void percentilesWithinStatedError() {
        QFETCH(QString, shape);
        RandomStream rng(3, "histogram", shape.toStdString());
        ServiceTime dist(ServiceTime::parseShape(shape.toStdString()), 25 * kMillisecond);
        LatencyHistogram h;
        std::vector<Time> samples;
        for (int i = 0; i < 200000; ++i) {
            const Time v = dist.sample(rng);
            samples.push_back(v);
            h.record(v);
        }
        std::sort(samples.begin(), samples.end());
        for (double q : {0.5, 0.9, 0.95, 0.99, 0.999}) {
            const auto rank = static_cast<std::size_t>(std::ceil(q * samples.size())) - 1;
            const double exact = static_cast<double>(samples[rank]);
            const double reported = static_cast<double>(h.quantile(q));
            QVERIFY2(
                std::abs(reported - exact) <= exact * LatencyHistogram::kRelativeError + 1,
                qPrintable(
                    QStringLiteral("q=%1 exact %2 reported %3").arg(q).arg(exact).arg(reported)));
        }
        QCOMPARE(h.max(), samples.back());
        double sum = 0;
        for (Time v : samples)
            sum += static_cast<double>(v);
        QVERIFY(std::abs(h.mean() - sum / samples.size()) < 1e-6 * sum / samples.size());
    }

    void serviceTimeMeans() {
        for (const char* name : {"exponential", "lognormal", "uniform", "constant"}) {
            RandomStream rng(9, "mean", name);
            ServiceTime dist(ServiceTime::parseShape(name), 10 * kMillisecond);
            double sum = 0;
            const int n = 400000;
            for (int i = 0; i < n; ++i)
                sum += static_cast<double>(dist.sample(rng));
            QVERIFY2(std::abs(sum / n / 1e7 - 1.0) < 0.01, name);
        }
    }

    void zipfMatchesItsProbabilities_data() {
        QTest::addColumn<double>("s");
        QTest::addColumn<qulonglong>("n");
        QTest::newRow("s=0.8 n=1000") << 0.8 << qulonglong(1000);
        QTest::newRow("s=0.99 n=100000") << 0.99 << qulonglong(100000);
        QTest::newRow("s=1.0 n=10000") << 1.0 << qulonglong(10000);
        QTest::newRow("s=1.1 n=100000") << 1.1 << qulonglong(100000);
        QTest::newRow("s=0 n=50") << 0.0 << qulonglong(50);
    }
    void zipfMatchesItsProbabilities() {
        QFETCH(double, s);
        QFETCH(qulonglong, n);
        ZipfSampler zipf(n, s);
        RandomStream rng(11, "zipf");
        const int draws = 1'000'000;
        std::vector<int> counts(11, 0);
        for (int i = 0; i < draws; ++i) {
            const auto k = zipf.sample(rng);
            QVERIFY(k >= 1 && k <= n);
            if (k <= 10)
                ++counts[k];
        }
        for (std::uint64_t k = 1; k <= 10; ++k) {
            const double p = ZipfSampler::probability(k, n, s);
            const double sd = std::sqrt(p * (1 - p) / draws);
            const double freq = static_cast<double>(counts[k]) / draws;
            QVERIFY2(
                std::abs(freq - p) < 5 * sd,
                qPrintable(QStringLiteral("rank %1: frequency %2, p %3").arg(k).arg(freq).arg(p)));
        }
    }

    void seriesMemoryStaysBounded() {
        SeriesTable table(1000);
        table.setColumns({"a", "b"});
        for (int i = 0; i < 100000; ++i)
            table.append(i * 0.1, {static_cast<double>(i), 1.0});
        QVERIFY(table.rows() < 1000);
        QVERIFY(table.mergeFactor() >= 128);
        // Merged rows keep the mean of what they replaced.
        QCOMPARE(table.values(1).front(), 1.0);
        const QString csv = QString::fromStdString(table.toCsv());
        QVERIFY(csv.startsWith("t_s,a,b\n"));
    }
};

QTEST_GUILESS_MAIN(EngineMetricsTest)
#include "test_engine_metrics.moc"
