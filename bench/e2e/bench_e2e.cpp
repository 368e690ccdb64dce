// The whole product path against the bare minimum. Each case runs `scaleboard-cli run
// DESIGN --json OUT` as a child process, exactly as a user would (the design is read and
// validated, the emulation built and run, the JSON written), and times its CPU; then a bare
// event-heap simulator of the same model (one std::priority_queue, no components, no
// series, no output) runs in this process. The ratio is the product's rate over the bare
// one's. Usage: bench_e2e [long-run seconds, default 600] (0 skips the memory check).
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <fcntl.h>
#include <fstream>
#include <queue>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using Time = std::int64_t; // ns, as in the engine
constexpr Time kMs = 1'000'000;

struct ProductRun {
    double cpuSeconds = 0;
    double peakMb = 0;
    std::uint64_t requests = 0;
};

/// Runs scaleboard-cli on a design and reads back what it measured.
ProductRun runProduct(const std::string& design, const std::vector<std::string>& extra = {}) {
    const std::string out = "/tmp/bench_e2e_" + std::to_string(getpid()) + ".json";
    std::vector<std::string> args{SCALEBOARD_CLI, "run", design, "--json", out};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t child = fork();
    if (child == 0) {
        const int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(child, &status, 0, &usage) != child || !WIFEXITED(status) || WEXITSTATUS(status))
        throw std::runtime_error("scaleboard-cli run " + design + " failed");
    ProductRun r;
    r.cpuSeconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                   static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.peakMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    std::ifstream in(out);
    const auto result = nlohmann::json::parse(in);
    r.requests = result["requests"]["total"].get<std::uint64_t>();
    std::remove(out.c_str());
    return r;
}

double cpuNow() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec) / 1e6;
}

/// splitmix64: a fast generator, so the bare simulators spend nothing they need not.
struct Rng {
    std::uint64_t state;
    double uniform() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        return (static_cast<double>(z >> 11) + 0.5) * 0x1.0p-53;
    }
    Time exponential(Time mean) {
        return static_cast<Time>(-std::log(uniform()) * static_cast<double>(mean));
    }
};

struct Event {
    Time time;
    std::uint64_t sequence;
    std::uint32_t kind;
    std::uint32_t request;
};
struct Later {
    bool operator()(const Event& a, const Event& b) const {
        return a.time > b.time || (a.time == b.time && a.sequence > b.sequence);
    }
};

class EventHeap {
public:
    void at(Time t, std::uint32_t kind, std::uint32_t request) {
        m_heap.push({t, m_sequence++, kind, request});
    }
    Event pop() {
        Event e = m_heap.top();
        m_heap.pop();
        return e;
    }
    bool empty() const { return m_heap.empty(); }

private:
    std::priority_queue<Event, std::vector<Event>, Later> m_heap;
    std::uint64_t m_sequence = 0;
};

/// c servers and a bounded FIFO queue.
struct Station {
    Station(int c, std::size_t limit)
        : servers(c)
        , queueLimit(limit) {}
    int servers;
    std::size_t queueLimit;
    int busy = 0;
    std::deque<std::uint32_t> waiting;
};

/// Clients at 200,000 req/s (Poisson) -> round-robin balancer -> 4 web servers (64
/// workers, 1 ms exponential) -> one database (256 workers, 1 ms reads), 0.5 ms links each
/// way, replies back along the path: the design in four-tier.json.
std::uint64_t bareFourTier(double seconds) {
    enum Kind : std::uint32_t {
        Arrive,
        AtBalancer,
        AtWeb,
        WebDone,
        AtDb,
        DbDone,
        ReplyWeb,
        ReplyBalancer,
        ReplyClient
    };
    constexpr Time kLink = kMs / 2;
    const Time end = static_cast<Time>(seconds * 1e9);
    EventHeap heap;
    Rng rng{1};
    std::vector<Station> web(4, Station(64, 100));
    Station db(256, 100);
    struct Request {
        Time issued;
        std::uint32_t web;
    };
    std::vector<Request> requests;
    std::vector<std::uint32_t> free;
    std::uint32_t nextWeb = 0;
    std::uint64_t done = 0;
    double latencySum = 0;
    auto serve = [&](Station& s, std::uint32_t kind, std::uint32_t r, Time now) {
        if (s.busy < s.servers) {
            ++s.busy;
            heap.at(now + rng.exponential(kMs), kind, r);
            return true;
        }
        if (s.waiting.size() >= s.queueLimit)
            return false;
        s.waiting.push_back(r);
        return true;
    };
    auto next = [&](Station& s, std::uint32_t kind, Time now) {
        --s.busy;
        if (!s.waiting.empty()) {
            const std::uint32_t r = s.waiting.front();
            s.waiting.pop_front();
            ++s.busy;
            heap.at(now + rng.exponential(kMs), kind, r);
        }
    };
    heap.at(rng.exponential(5'000), Arrive, 0); // 200,000/s: a 5 us mean gap
    while (!heap.empty()) {
        const Event e = heap.pop();
        if (e.time > end)
            break;
        const Time now = e.time;
        switch (e.kind) {
        case Arrive: {
            std::uint32_t r;
            if (free.empty()) {
                r = static_cast<std::uint32_t>(requests.size());
                requests.push_back({});
            } else {
                r = free.back();
                free.pop_back();
            }
            requests[r] = {now, 0};
            heap.at(now + kLink, AtBalancer, r);
            heap.at(now + rng.exponential(5'000), Arrive, 0);
            break;
        }
        case AtBalancer:
            requests[e.request].web = nextWeb++ % 4;
            heap.at(now + kLink, AtWeb, e.request);
            break;
        case AtWeb:
            if (!serve(web[requests[e.request].web], WebDone, e.request, now))
                heap.at(now + kLink, ReplyBalancer, e.request); // 503
            break;
        case WebDone:
            next(web[requests[e.request].web], WebDone, now);
            heap.at(now + kLink, AtDb, e.request);
            break;
        case AtDb:
            if (!serve(db, DbDone, e.request, now))
                heap.at(now + kLink, ReplyWeb, e.request);
            break;
        case DbDone:
            next(db, DbDone, now);
            heap.at(now + kLink, ReplyWeb, e.request);
            break;
        case ReplyWeb:
            heap.at(now + kLink, ReplyBalancer, e.request);
            break;
        case ReplyBalancer:
            heap.at(now + kLink, ReplyClient, e.request);
            break;
        case ReplyClient:
            latencySum += static_cast<double>(now - requests[e.request].issued);
            ++done;
            free.push_back(e.request);
            break;
        }
    }
    if (done == 0 || latencySum <= 0)
        throw std::runtime_error("the bare four-tier model served nothing");
    return done;
}

/// Poisson arrivals at 90/s into 10 servers with 100 ms exponential service, until
/// `customers` have left: the design in mmc.json.
std::uint64_t bareMmc(std::uint64_t customers) {
    enum Kind : std::uint32_t { Arrive, Done };
    EventHeap heap;
    Rng rng{2};
    Station station(10, SIZE_MAX);
    std::vector<Time> arrived;
    std::vector<std::uint32_t> free;
    std::uint64_t issued = 0, done = 0;
    double sum = 0;
    heap.at(rng.exponential(1'000'000'000 / 90), Arrive, 0);
    while (done < customers && !heap.empty()) {
        const Event e = heap.pop();
        if (e.kind == Arrive) {
            std::uint32_t r;
            if (free.empty()) {
                r = static_cast<std::uint32_t>(arrived.size());
                arrived.push_back(0);
            } else {
                r = free.back();
                free.pop_back();
            }
            arrived[r] = e.time;
            if (station.busy < station.servers) {
                ++station.busy;
                heap.at(e.time + rng.exponential(100 * kMs), Done, r);
            } else {
                station.waiting.push_back(r);
            }
            if (++issued < customers)
                heap.at(e.time + rng.exponential(1'000'000'000 / 90), Arrive, 0);
        } else {
            sum += static_cast<double>(e.time - arrived[e.request]);
            ++done;
            free.push_back(e.request);
            --station.busy;
            if (!station.waiting.empty()) {
                const std::uint32_t r = station.waiting.front();
                station.waiting.pop_front();
                ++station.busy;
                heap.at(e.time + rng.exponential(100 * kMs), Done, r);
            }
        }
    }
    if (sum <= 0)
        throw std::runtime_error("the bare M/M/c model served nothing");
    return done;
}

template <typename F> double timed(F&& f, std::uint64_t& count) {
    const double start = cpuNow();
    count = f();
    return cpuNow() - start;
}

void report(const char* name, const ProductRun& product, std::uint64_t bareCount,
            double bareSeconds) {
    const double productRate = static_cast<double>(product.requests) / product.cpuSeconds;
    const double bareRate = static_cast<double>(bareCount) / bareSeconds;
    std::printf("%-34s %9.2f M/s %9.2f M/s %7.2f %8.1f MB\n", name, productRate / 1e6,
                bareRate / 1e6, productRate / bareRate, product.peakMb);
}

} // namespace

int main(int argc, char** argv) {
    const double longRun = argc > 1 ? std::atof(argv[1]) : 600.0;
    const std::string dir = SCALEBOARD_SOURCE_DIR "/bench/e2e/";
    std::printf("%-34s %13s %13s %7s %11s\n", "model (CPU time, one core)", "scaleboard-cli",
                "bare heap", "ratio", "peak RSS");

    const ProductRun fourTier = runProduct(dir + "four-tier.json");
    std::uint64_t bareRequests = 0;
    const double bareFour = timed([] { return bareFourTier(10); }, bareRequests);
    report("four-tier, 200k req/s, 10 s", fourTier, bareRequests, bareFour);

    const ProductRun mmc = runProduct(dir + "mmc.json");
    std::uint64_t bareCustomers = 0;
    const double bareM = timed([] { return bareMmc(1'000'000); }, bareCustomers);
    report("M/M/10 at rho 0.9, 1M customers", mmc, bareCustomers, bareM);

    if (longRun > 0) {
        const ProductRun longer =
            runProduct(dir + "four-tier.json", {"--duration", std::to_string(longRun)});
        std::printf("four-tier peak memory: %.1f MB over 10 s, %.1f MB over %.0f s (%+.0f%%), "
                    "%.2f M req/s\n",
                    fourTier.peakMb, longer.peakMb, longRun,
                    100.0 * (longer.peakMb - fourTier.peakMb) / fourTier.peakMb,
                    static_cast<double>(longer.requests) / longer.cpuSeconds / 1e6);
    }
    return 0;
}
