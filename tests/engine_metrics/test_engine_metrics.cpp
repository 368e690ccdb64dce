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
        table.setColumns(std::vector<std::string>{"a", "b"});
        for (int i = 0; i < 100000; ++i)
            table.append(i * 0.1, {static_cast<double>(i), 1.0});
        QVERIFY(table.rows() < 1000);
        QVERIFY(table.mergeFactor() >= 128);
        // Merged rows keep the mean of what they replaced.
        QCOMPARE(table.values(1).front(), 1.0);
        const QString csv = QString::fromStdString(table.toCsv());
        QVERIFY(csv.startsWith("t_s,a,b\n"));
    }

    void mergedRowsMeasureWhatOneLongerRowWould() {
        using Merge = SeriesTable::Merge;
        SeriesTable table(2); // the second row merges the pair
        table.setColumns({{"ok_rps"},
                          {"errors_rps"},
                          {"error_rate", Merge::Ratio, 1, 0},
                          {"mean_ms", Merge::WeightedMean, 0},
                          {"p99_ms", Merge::Quantile, -1, -1, 0.99},
                          {"total", Merge::Last}});
        IntervalHistogram fast, slow;
        for (int i = 0; i < 100; ++i)
            fast.record(kMillisecond);
        for (int i = 0; i < 300; ++i)
            slow.record(5 * kMillisecond);
        table.append(0.1, {100, 0, 0.0, 1, 1, 10}, &fast);
        table.append(0.2, {300, 100, 0.25, 5, 5, 20}, &slow);
        QCOMPARE(table.rows(), std::size_t(1));
        QCOMPARE(table.mergeFactor(), std::size_t(2));
        QCOMPARE(table.time()[0], 0.2);
        QCOMPARE(table.values(0)[0], 200.0);
        QCOMPARE(table.values(1)[0], 50.0);
        QCOMPARE(table.values(2)[0], 0.2); // 100 errors of 500, not the mean of 0 and 0.25
        QCOMPARE(table.values(3)[0], 4.0); // (100 x 1 + 300 x 5) / 400, not 3
        const double p99 = table.values(4)[0];
        QVERIFY2(std::abs(p99 - 5.0) <= 5.0 * IntervalHistogram::kRelativeError,
                 qPrintable(QString::number(p99)));
        QCOMPARE(table.values(5)[0], 20.0); // a running total keeps its later value

        // Later samples accumulate the same way until they fill a merged row.
        table.append(0.3, {100, 0, 0.0, 1, 1, 30}, &fast);
        QCOMPARE(table.rows(), std::size_t(1));
        table.append(0.4, {300, 100, 0.25, 5, 5, 40}, &slow);
        QCOMPARE(table.rows(), std::size_t(1)); // two rows made the table halve again
        QCOMPARE(table.values(2)[0], 0.2);
        QCOMPARE(table.values(3)[0], 4.0);
        QCOMPARE(table.values(5)[0], 40.0);
    }

    void csvWritesCountersWholeAndFractionsExactly() {
        SeriesTable table;
        table.setColumns(std::vector<std::string>{"count", "share"});
        table.append(0.1, {123456789012.0, 1.0 / 3.0});
        const std::string csv = table.toCsv();
        QCOMPARE(QString::fromStdString(csv),
                 QStringLiteral("t_s,count,share\n0.1,123456789012,%1\n")
                     .arg(QString::number(1.0 / 3.0, 'g', QLocale::FloatingPointShortest)));
    }
};

QTEST_GUILESS_MAIN(EngineMetricsTest)
#include "test_engine_metrics.moc"
