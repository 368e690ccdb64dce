// Engine benchmarks: raw kernel event rate (PHOLD), the event sets compared (hold model), emulated
// requests per wall second through a four-tier design, and an M/M/1 station shared with
// the ns-3 and SimPy peers in bench/peers/.
#include "components/registry/ComponentRegistry.h"
#include "components/registry/SimulationBuilder.h"
#include "design/DesignJson.h"
#include "emulator/EventSet.h"
#include "emulator/Kernel.h"
#include "emulator/RandomStream.h"
#include "emulator/RunControl.h"
#include "emulator/Simulation.h"
#include "emulator/Station.h"

#include <benchmark/benchmark.h>
#include <fstream>
#include <sys/resource.h>

using namespace sb;
using namespace sb::emu;

namespace {

/// PHOLD: each event schedules one new event at a random entity after an exponential delay.
class PholdEntity final : public Entity {
public:
    PholdEntity(Kernel& kernel, std::uint32_t count, RandomStream& rng)
        : m_kernel(kernel)
        , m_count(count)
        , m_rng(rng) {}
    void handleEvent(std::uint32_t, std::uint64_t) override {
        const auto target = static_cast<std::uint32_t>(m_rng.below(m_count));
        m_kernel.scheduleIn(1 + static_cast<Time>(m_rng.exponential(1000.0)), target, 0);
    }

private:
    Kernel& m_kernel;
    std::uint32_t m_count;
    RandomStream& m_rng;
};

void phold(benchmark::State& state) {
    const auto entities = static_cast<std::uint32_t>(state.range(0));
    const auto population = static_cast<std::uint32_t>(state.range(1));
    std::uint64_t events = 0;
    for (auto _ : state) {
        Kernel kernel;
        RandomStream rng(1, "phold");
        std::vector<std::unique_ptr<PholdEntity>> all;
        for (std::uint32_t i = 0; i < entities; ++i) {
            all.push_back(std::make_unique<PholdEntity>(kernel, entities, rng));
            kernel.addEntity(all.back().get());
        }
        for (std::uint32_t i = 0; i < population; ++i)
            kernel.schedule(static_cast<Time>(rng.exponential(1000.0)), i % entities, 0);
        kernel.runUntil(static_cast<Time>(2'000'000'000LL / population)); // ~2M events
        events += kernel.eventsExecuted();
    }
    state.counters["events_per_s"] =
        benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

/// The classic hold model on an event set alone: pop the earliest, insert one later.
template <typename Set> void hold(benchmark::State& state) {
    const auto population = static_cast<std::uint64_t>(state.range(0));
    std::uint64_t operations = 0;
    for (auto _ : state) {
        Set set;
        RandomStream rng(1, "hold");
        std::uint64_t sequence = 0;
        for (std::uint64_t i = 0; i < population; ++i)
            set.insert({static_cast<Time>(rng.exponential(1000.0)), sequence++, 0, 0, 0});
        for (int i = 0; i < 2'000'000; ++i) {
            const Event e = set.pop();
            set.insert(
                {e.time + 1 + static_cast<Time>(rng.exponential(1000.0)), sequence++, 0, 0, 0});
        }
        operations += 2'000'000;
        benchmark::DoNotOptimize(set.size());
    }
    state.counters["holds_per_s"] =
        benchmark::Counter(static_cast<double>(operations), benchmark::Counter::kIsRate);
}

/// An M/M/1 station at rho = 0.9, the model the peers also run.
class MM1 final : public Node, public StationClient {
public:
    MM1(Simulation& sim, std::uint64_t customers)
        : Node(sim, "mm1", "bench")
        , m_station(sim, *this, 1, INT64_MAX)
        , m_arrivals(sim.stream("mm1", "a"))
        , m_service(sim.stream("mm1", "s"))
        , m_left(customers) {}
    void start() override { startTimer(gap(), 0); }
    void onRequest(std::uint32_t, std::uint32_t) override {}
    void onTimer(std::uint32_t, std::uint64_t) override {
        const auto slot = m_sim.requests().acquire();
        request(slot).issued = now();
        m_station.submit(slot, static_cast<Time>(m_service.exponential(1e6)));
        if (--m_left > 0)
            startTimer(gap(), 0);
    }
    void serviceDone(std::uint32_t slot, std::uint32_t) override {
        m_sum += toSeconds(now() - request(slot).issued);
        ++m_done;
        m_sim.requests().release(slot);
    }
    void serviceFailed(std::uint32_t, std::uint32_t, FailReason) override {}
    double mean() const { return m_sum / static_cast<double>(m_done); }
    std::uint64_t done() const { return m_done; }

private:
    Time gap() { return static_cast<Time>(m_arrivals.exponential(1e6 / 0.9)); }
    Station m_station;
    RandomStream m_arrivals, m_service;
    std::uint64_t m_left;
    std::uint64_t m_done = 0;
    double m_sum = 0;
};

void mm1(benchmark::State& state) {
    const auto customers = static_cast<std::uint64_t>(state.range(0));
    std::uint64_t served = 0;
    double mean = 0;
    for (auto _ : state) {
        Simulation sim(1);
        auto& model = sim.addNode<MM1>(customers);
        sim.start(kSecond, 0);
        while (model.done() < customers)
            sim.kernel().runUntil(sim.now() + 100 * kSecond);
        served += model.done();
        mean = model.mean();
    }
    state.counters["customers_per_s"] =
        benchmark::Counter(static_cast<double>(served), benchmark::Counter::kIsRate);
    state.counters["mean_response_ms"] = mean * 1e3; // theory: 10 ms
}

design::Design fourTier() {
    std::ifstream in(SCALEBOARD_SOURCE_DIR "/bench/engine/four-tier.json");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto loaded = design::readDesign(text, comp::ComponentRegistry::builtin());
    if (!loaded.ok())
        throw std::runtime_error(design::formatProblems(loaded.problems));
    return *loaded.design;
}

void fourTierRequests(benchmark::State& state) {
    const auto d = fourTier();
    std::uint64_t requests = 0;
    for (auto _ : state) {
        RunSettings s;
        s.durationSeconds = static_cast<double>(state.range(0));
        const RunResult r = comp::runDesign(d, s);
        requests += r.total;
    }
    state.counters["requests_per_s"] =
        benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
}

void memoryOverRunLength(benchmark::State& state) {
    const auto d = fourTier();
    for (auto _ : state) {
        RunSettings s;
        s.durationSeconds = static_cast<double>(state.range(0));
        comp::runDesign(d, s);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["max_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}

} // namespace

BENCHMARK(phold)->Args({1000, 1000})->Args({1000, 100000})->Unit(benchmark::kMillisecond);
BENCHMARK(hold<QuaternaryHeapEventSet>)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(hold<BinaryHeapEventSet>)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(hold<RadixEventSet>)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(mm1)->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(fourTierRequests)->Arg(10)->Unit(benchmark::kMillisecond);
// Run each length in its own process (--benchmark_filter) to read its peak memory.
BENCHMARK(memoryOverRunLength)
    ->Arg(10)
    ->Arg(60)
    ->Arg(300)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
