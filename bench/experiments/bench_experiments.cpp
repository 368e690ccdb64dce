// The speed-up of an experiment's thread pool: the same 20-run sweep of an M/M/10 station
// (4 arrival rates x 5 replications, bench/e2e/mmc.json) run by scaleboard-cli as a child
// process with --jobs 1, then with --jobs 2; the wall time of each (and the CPU time its
// threads used), the ratio, and whether the two result files are identical (they must
// be: seeds come from the point and replication, never the thread). Run it on an idle
// machine; the load average before each run is printed, since a busy core halves the
// speed-up. Usage: bench_experiments [run length in virtual seconds, default 20000]
#include "bench/common/ChildRun.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

struct Timed {
    double wallSeconds = 0, cpuSeconds = 0;
    std::string json;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Timed experiment(int jobs, const std::string& duration) {
    const std::string out =
        "/tmp/bench_experiments_" + std::to_string(getpid()) + "_" + std::to_string(jobs) + ".json";
    std::vector<std::string> args{SCALEBOARD_CLI,
                                  "experiment",
                                  SCALEBOARD_SOURCE_DIR "/bench/e2e/mmc.json",
                                  "--vary",
                                  "users.rate_rps=60:90:10",
                                  "--replications",
                                  "5",
                                  "--duration",
                                  duration,
                                  "--warmup",
                                  "100",
                                  "--jobs",
                                  std::to_string(jobs),
                                  "--quiet",
                                  "--json",
                                  out};
    const sbbench::ChildRun run = sbbench::runChild(std::move(args));
    if (run.exitCode != 0)
        throw std::runtime_error("scaleboard-cli experiment --jobs " + std::to_string(jobs) +
                                 " failed");
    Timed t;
    t.wallSeconds = run.wallSeconds;
    t.cpuSeconds = run.cpuSeconds;
    t.json = slurp(out);
    std::remove(out.c_str());
    return t;
}

} // namespace

int main(int argc, char** argv) {
    const std::string duration = argc > 1 ? argv[1] : "20000";
    std::printf("experiment: M/M/10, users.rate_rps=60:90:10 x 5 replications = 20 runs of %s "
                "virtual seconds\n",
                duration.c_str());
    try {
        const std::string load1 = sbbench::loadAverage();
        const Timed one = experiment(1, duration);
        const std::string load2 = sbbench::loadAverage();
        const Timed two = experiment(2, duration);
        std::printf("--jobs 1: %7.3f s wall, %7.3f s CPU (load average before: %s)\n",
                    one.wallSeconds, one.cpuSeconds, load1.c_str());
        std::printf("--jobs 2: %7.3f s wall, %7.3f s CPU (load average before: %s)\n",
                    two.wallSeconds, two.cpuSeconds, load2.c_str());
        std::printf("speed-up: %.2fx (wall time of --jobs 1 over --jobs 2; target 1.8x on two "
                    "idle cores)\n",
                    one.wallSeconds / two.wallSeconds);
        const bool same = !one.json.empty() && one.json == two.json;
        std::printf("results identical: %s\n", same ? "yes" : "NO");
        return same ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_experiments: %s\n", e.what());
        return 1;
    }
}
