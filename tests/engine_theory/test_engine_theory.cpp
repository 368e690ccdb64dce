// The engine against queueing theory: M/M/1 and M/M/c mean response time (Erlang C), on
// one seed and over independent seeds with a confidence interval, Little's law over a
// window that starts and ends with work in flight, and Erlang B blocking for a station
// without a queue.
#include "emulator/RandomStream.h"
#include "emulator/Simulation.h"
#include "emulator/Station.h"
#include "tests/common/Queueing.h"

#include <QtTest>
#include <cmath>

using namespace sb::emu;
using sb::test::mmcResponseTime;

namespace {

double erlangB(int c, double a) {
    double b = 1;
    for (int k = 1; k <= c; ++k)
        b = a * b / (k + a * b);
    return b;
}

/// Poisson arrivals into one station; measures each customer's response time.
class MmcModel final : public Node, public StationClient {
public:
    MmcModel(Simulation& sim, int servers, std::int64_t queueLimit, double lambda, double mu,
             std::uint64_t customers, std::size_t batches)
        : Node(sim, "mmc", "test")
        , m_station(sim, *this, servers, queueLimit)
        , m_arrivals(sim.stream("mmc", "arrivals"))
        , m_service(sim.stream("mmc", "service"))
        , m_lambda(lambda)
        , m_mu(mu)
        , m_customers(customers)
        , m_batchSize(customers / batches) {
        addStation(&m_station);
    }
    void start() override { startTimer(gap(), 0); }
    void onRequest(std::uint32_t, std::uint32_t) override {}
    void onTimer(std::uint32_t, std::uint64_t) override {
        if (m_issued >= m_customers)
            return;
        ++m_issued;
        const std::uint32_t slot = m_sim.requests().acquire();
        request(slot).issued = now();
        const Time service = static_cast<Time>(m_service.exponential(1e9 / m_mu));
        if (!m_station.submit(slot, service)) {
            ++m_blocked;
            m_sim.requests().release(slot);
        }
        if (m_issued < m_customers)
            startTimer(gap(), 0);
    }
    void serviceDone(std::uint32_t slot, std::uint32_t) override {
        const double w = toSeconds(now() - request(slot).issued);
        m_sim.requests().release(slot);
        m_sum += w;
        ++m_done;
        m_batchSum += w;
        if (++m_inBatch == m_batchSize) {
            m_batchMeans.push_back(m_batchSum / static_cast<double>(m_batchSize));
            m_batchSum = 0;
            m_inBatch = 0;
        }
    }
    void serviceFailed(std::uint32_t, std::uint32_t, FailReason) override {}

    double meanResponse() const { return m_sum / static_cast<double>(m_done); }
    /// Half-width of a 95% confidence interval on the mean, by batch means.
    double halfWidth() const {
        const double n = static_cast<double>(m_batchMeans.size());
        double mean = 0;
        for (double b : m_batchMeans)
            mean += b / n;
        double var = 0;
        for (double b : m_batchMeans)
            var += (b - mean) * (b - mean) / (n - 1);
        return 1.96 * std::sqrt(var / n);
    }
    double blockedFraction() const {
        return static_cast<double>(m_blocked) / static_cast<double>(m_issued);
    }
    std::uint64_t done() const { return m_done; }
    bool finished() const { return m_issued == m_customers && m_done + m_blocked == m_customers; }
    const Station& station() const { return m_station; }

private:
    Time gap() {
        return std::max<Time>(1, static_cast<Time>(m_arrivals.exponential(1e9 / m_lambda)));
    }

    Station m_station;
    RandomStream m_arrivals, m_service;
    double m_lambda, m_mu;
    std::uint64_t m_customers, m_batchSize;
    std::uint64_t m_issued = 0, m_done = 0, m_blocked = 0, m_inBatch = 0;
    double m_sum = 0, m_batchSum = 0;
    std::vector<double> m_batchMeans;
};

/// Runs until every customer has left (the sampler keeps the event set from emptying).
void runToCompletion(Simulation& sim, const MmcModel& model) {
    sim.start(kSecond, 0);
    Time limit = 0;
    do {
        limit += 100 * kSecond;
        sim.kernel().runUntil(limit);
    } while (!model.finished());
}

} // namespace

class EngineTheoryTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mmcMeanResponse_data() {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("rho");
        QTest::addColumn<qulonglong>("customers");
        // Run lengths chosen so the batch-means 95% interval is well inside 2% (see THEORY.md:
        // near rho = 0.9 the mean converges slowly).
        QTest::newRow("M/M/1 rho=0.5") << 1 << 0.5 << qulonglong(1'000'000);
        QTest::newRow("M/M/1 rho=0.8") << 1 << 0.8 << qulonglong(4'000'000);
        QTest::newRow("M/M/1 rho=0.95") << 1 << 0.95 << qulonglong(24'000'000);
        QTest::newRow("M/M/4 rho=0.7") << 4 << 0.7 << qulonglong(2'000'000);
        QTest::newRow("M/M/4 rho=0.95") << 4 << 0.95 << qulonglong(16'000'000);
        QTest::newRow("M/M/16 rho=0.9") << 16 << 0.9 << qulonglong(4'000'000);
    }
    void mmcMeanResponse() {
        QFETCH(int, servers);
        QFETCH(double, rho);
        QFETCH(qulonglong, customers);
        const double mu = 100.0; // 10 ms mean service
        const double lambda = rho * servers * mu;
        Simulation sim(42);
        auto& model = sim.addNode<MmcModel>(servers, INT64_MAX, lambda, mu, customers, 50);
        runToCompletion(sim, model);
        const double theory = mmcResponseTime(servers, lambda, mu);
        const double measured = model.meanResponse();
        const double error = std::abs(measured - theory) / theory;
        qInfo("c=%d rho=%.2f: W measured %.6f s, theory %.6f s, error %.2f%%, 95%% CI +-%.2f%%",
              servers, rho, measured, theory, 100 * error, 100 * model.halfWidth() / theory);
        QVERIFY2(error < 0.02, "mean response time more than 2% from Erlang C");
        QVERIFY2(model.halfWidth() / theory < 0.02, "the batch-means interval is wider than 2%");
    }

    void erlangCHoldsOverIndependentSeeds() {
        // Eight independent replications of M/M/4 at rho = 0.8: the theory must fall inside
        // the 95% confidence interval of their mean, and that interval be within 2%.
        const int servers = 4;
        const double mu = 100.0, lambda = 0.8 * servers * mu;
        const double theory = mmcResponseTime(servers, lambda, mu);
        std::vector<double> means;
        for (std::uint64_t seed = 1; seed <= 8; ++seed) {
            Simulation sim(seed);
            auto& model = sim.addNode<MmcModel>(servers, INT64_MAX, lambda, mu, 400'000, 10);
            runToCompletion(sim, model);
            means.push_back(model.meanResponse());
        }
        const double n = static_cast<double>(means.size());
        double mean = 0, var = 0;
        for (double m : means)
            mean += m / n;
        for (double m : means)
            var += (m - mean) * (m - mean) / (n - 1);
        const double tQuantile = 2.365; // Student's t, 7 degrees of freedom, 97.5%
        const double half = tQuantile * std::sqrt(var / n);
        qInfo("W over 8 seeds %.6f s +- %.6f (theory %.6f, interval %.2f%% of it)", mean, half,
              theory, 100 * half / theory);
        QVERIFY2(std::abs(mean - theory) <= half, "Erlang C outside the 95% interval");
        QVERIFY2(half / theory < 0.02, "the interval is too wide to say anything");
    }

    void littlesLawHoldsOverAWindowWithWorkInFlight() {
        // M/M/4 at rho = 0.9, measured from 100 s to 2,100 s while customers keep arriving:
        // the window starts and ends with customers in the system, so L and lambda x W come
        // from different measurements (the stations' integrals and the node's time-in-node
        // histogram) and only agree if both are right.
        const int servers = 4;
        const double mu = 100.0, lambda = 0.9 * servers * mu;
        Simulation sim(11);
        auto& model = sim.addNode<MmcModel>(servers, INT64_MAX, lambda, mu, UINT64_MAX / 2, 10);
        sim.start(kSecond, 100 * kSecond);
        sim.kernel().runUntil(2'100 * kSecond);
        QVERIFY(model.station().queueLength() + static_cast<std::size_t>(model.station().busy()) >
                0);
        const NodeWindow w = sim.window(model.index());
        const double L = w.utilization * servers + w.queueMean;
        const double seconds = 2'000;
        const double throughput = static_cast<double>(model.timeInNode().count()) / seconds;
        const double W = model.timeInNode().mean() / 1e9;
        const double error = std::abs(L - throughput * W) / L;
        qInfo("L %.4f, lambda*W %.4f (error %.3f%%)", L, throughput * W, 100 * error);
        QVERIFY(error < 0.01);
        // And the window's time in node is the Erlang C response time.
        const double theory = mmcResponseTime(servers, lambda, mu);
        QVERIFY2(std::abs(W - theory) / theory < 0.03, qPrintable(QString::number(W)));
    }

    void erlangBBlocking_data() {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("offered");
        QTest::newRow("c=1 a=0.5") << 1 << 0.5;
        QTest::newRow("c=4 a=3") << 4 << 3.0;
        QTest::newRow("c=10 a=8") << 10 << 8.0;
    }
    void erlangBBlocking() {
        QFETCH(int, servers);
        QFETCH(double, offered);
        const double mu = 100.0;
        Simulation sim(7);
        auto& model = sim.addNode<MmcModel>(servers, 0, offered * mu, mu, 1'000'000, 20);
        runToCompletion(sim, model);
        const double theory = erlangB(servers, offered);
        const double measured = model.blockedFraction();
        // Binomial standard error of a blocking fraction over 1e6 customers is below 0.0005.
        qInfo("c=%d a=%.1f: blocked %.4f, Erlang B %.4f", servers, offered, measured, theory);
        QVERIFY(std::abs(measured - theory) < 0.003);
    }
};

QTEST_GUILESS_MAIN(EngineTheoryTest)
#include "test_engine_theory.moc"
