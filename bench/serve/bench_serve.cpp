// scaleboard-cli serve as a user runs it, under wrk, against a bare Beast server with the
// same threading in the same run (issue 19). Two measurements:
//  - the rate: wrk with enough connections that the emulated 5 ms do not limit it
//    (Little's law: connections >= 2 x the bare rate x 5 ms); Scaleboard should reach at
//    least half the bare server's rate;
//  - the latency: wrk with a few connections; its p50 should be within 1 ms of the
//    emulation's own p50 of the same requests (5 ms: fixed-latency.json).
// Usage: bench_serve [SECONDS per wrk run, default 10]. Needs wrk (Debian package wrk).
#include <nlohmann/json.hpp>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

/// A child process whose first output line names its address.
struct Child {
    pid_t pid = -1;
    std::string url;
};

Child spawn(const std::vector<std::string>& argv) {
    int out[2];
    if (pipe(out) != 0)
        throw std::runtime_error("pipe failed");
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n')
        line += c;
    close(out[0]); // the rest of its output goes nowhere
    std::smatch m;
    if (!std::regex_search(line, m, std::regex("http://127\\.0\\.0\\.1:[0-9]+/")))
        throw std::runtime_error("no address from " + argv[0] + ": " + line);
    return {pid, m.str()};
}

void stop(Child& child) {
    kill(child.pid, SIGTERM);
    int status = 0;
    waitpid(child.pid, &status, 0);
}

struct WrkResult {
    double rps = 0;
    double p50Ms = 0;
    double p99Ms = 0;
};

double millis(const std::string& value, const std::string& unit) {
    const double v = std::stod(value);
    return unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : v;
}

WrkResult wrk(const std::string& url, int connections, int seconds) {
    const std::string command = "wrk -t1 -c" + std::to_string(connections) + " -d" +
                                std::to_string(seconds) + "s --latency " + url + "items/1 2>&1";
    FILE* p = popen(command.c_str(), "r");
    if (!p)
        throw std::runtime_error("cannot run wrk");
    std::string text;
    char buffer[4096];
    while (const std::size_t n = fread(buffer, 1, sizeof buffer, p))
        text.append(buffer, n);
    if (pclose(p) != 0)
        throw std::runtime_error("wrk failed (is the Debian package wrk installed?):\n" + text);
    WrkResult r;
    std::smatch m;
    if (!std::regex_search(text, m, std::regex("Requests/sec:\\s+([0-9.]+)")))
        throw std::runtime_error("no rate in wrk's output:\n" + text);
    r.rps = std::stod(m[1]);
    if (std::regex_search(text, m, std::regex("50%\\s+([0-9.]+)(us|ms|s)")))
        r.p50Ms = millis(m[1], m[2]);
    if (std::regex_search(text, m, std::regex("99%\\s+([0-9.]+)(us|ms|s)")))
        r.p99Ms = millis(m[1], m[2]);
    if (std::regex_search(text, m, std::regex("Non-2xx or 3xx responses:\\s+([0-9]+)")))
        std::printf("  (wrk saw %s answers that were not 2xx)\n", m[1].str().c_str());
    return r;
}

} // namespace

int main(int argc, char** argv) {
    const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    const std::string design = SCALEBOARD_SOURCE_DIR "/bench/serve/fixed-latency.json";
    const double emulatedMs = 5.0; // 1 ms + 3 ms constant service + 1 ms
    try {
        Child bare = spawn({BARE_SERVER});
        const WrkResult bareRate = wrk(bare.url, 64, seconds);
        // Enough connections that 5 ms per request allows twice the bare rate.
        const int connections =
            std::clamp(static_cast<int>(std::ceil(2 * bareRate.rps * emulatedMs / 1000)), 16, 4000);

        const std::string result = "/tmp/bench_serve_result.json";
        Child sb = spawn({SCALEBOARD_CLI, "serve", design, "--port", "0", "--quiet",
                          "--max-connections", std::to_string(connections + 64), "--json", result});
        const WrkResult sbRate = wrk(sb.url, connections, seconds);
        const WrkResult bareAgain = wrk(bare.url, 64, seconds);
        const WrkResult sbLight = wrk(sb.url, 4, seconds);
        stop(sb);
        stop(bare);
        std::ifstream in(result);
        const nlohmann::json j = nlohmann::json::parse(in);
        const double emulatedP50 = j["latency_ms"]["p50"].get<double>();

        const double bareBest = std::max(bareRate.rps, bareAgain.rps);
        const double ratio = sbRate.rps / bareBest;
        std::printf("bare Beast server (1 I/O thread, 64 connections): %.0f and %.0f req/s\n",
                    bareRate.rps, bareAgain.rps);
        std::printf("scaleboard-cli serve, %d connections (Little's law allows %.0f req/s at "
                    "%.0f ms): %.0f req/s, p50 %.2f ms, p99 %.2f ms\n",
                    connections, connections / (emulatedMs / 1000), emulatedMs, sbRate.rps,
                    sbRate.p50Ms, sbRate.p99Ms);
        std::printf("rate ratio serve / bare: %.2f (target at least 0.50): %s\n", ratio,
                    ratio >= 0.5 ? "met" : "NOT MET");
        std::printf("scaleboard-cli serve, 4 connections: %.0f req/s, wrk p50 %.2f ms; the "
                    "emulation's p50 %.2f ms: %.2f ms apart (target within 1 ms): %s\n",
                    sbLight.rps, sbLight.p50Ms, emulatedP50, sbLight.p50Ms - emulatedP50,
                    std::fabs(sbLight.p50Ms - emulatedP50) <= 1.0 ? "met" : "NOT MET");
        std::remove(result.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_serve: %s\n", e.what());
        return 1;
    }
}
