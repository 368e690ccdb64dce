// How validate and review grow with design size, end to end: each iteration is a
// `scaleboard-cli validate FILE` or `scaleboard-cli review FILE` through the CLI's own
// runCli (reading the file, parsing, validating, reviewing, printing to /dev/null). Two
// shapes: a wide tier (one balancer in front of n web servers sharing a cache and a
// database) and a replication chain (n primaries, each replicating to the next).
// Google Benchmark fits the growth over 2k, 20k, 40k and 80k nodes (BigO, RMS); the 2k point fits
// in the caches, so the fit over-states the growth a little (see docs/benchmarks.md).
#include "cli/CliApp.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using nlohmann::json;

json node(const std::string& id, const std::string& kind, json props = json::object()) {
    return {{"id", id}, {"kind", kind}, {"x", 0}, {"y", 0}, {"props", std::move(props)}};
}

json link(const std::string& from, const std::string& to) {
    return {{"from", from}, {"to", to}};
}

json design(const char* name, json nodes, json links) {
    return {{"format", "scaleboard-design"},
            {"version", 1},
            {"name", name},
            {"nodes", std::move(nodes)},
            {"links", std::move(links)}};
}

/// users -> dns -> lb -> web1..webK -> cache, db -> replica: n nodes in all.
json wideTier(int n) {
    json nodes = {node("users", "clients"),    node("dns", "dns"),
                  node("lb", "load_balancer"), node("cache", "cache"),
                  node("db", "db_primary"),    node("replica", "db_replica")};
    json links = {link("users", "dns"), link("dns", "lb"), link("db", "replica")};
    for (int i = 1; i <= n - 6; ++i) {
        const std::string web = "web" + std::to_string(i);
        nodes.push_back(node(web, "web_server"));
        links.push_back(link("lb", web));
        links.push_back(link(web, "cache"));
        links.push_back(link(web, "db"));
    }
    return design("wide tier", std::move(nodes), std::move(links));
}

/// users -> web -> db1 -> db2 -> ... -> dbK: a circular-replication chain, n nodes.
json replicationChain(int n) {
    json nodes = {node("users", "clients"), node("web", "web_server")};
    json links = {link("users", "web"), link("web", "db1")};
    for (int i = 1; i <= n - 2; ++i) {
        nodes.push_back(node("db" + std::to_string(i), "db_primary", {{"recovery", "circular"}}));
        if (i > 1)
            links.push_back(link("db" + std::to_string(i - 1), "db" + std::to_string(i)));
    }
    return design("replication chain", std::move(nodes), std::move(links));
}

std::string writeDesign(const json& d, const std::string& name) {
    static const std::string dir = [] {
        char path[] = "/tmp/bench-design-scale-XXXXXX";
        return std::string(::mkdtemp(path));
    }();
    const std::string path = dir + "/" + name + ".json";
    std::ofstream(path) << d.dump();
    return path;
}

/// Runs scaleboard-cli with its output sent to /dev/null; returns the exit code.
int cli(std::vector<std::string> args) {
    args.insert(args.begin(), "scaleboard-cli");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    std::fflush(stdout);
    const int saved = ::dup(STDOUT_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    const int code = sb::cli::runCli(static_cast<int>(argv.size()), argv.data());
    std::fflush(stdout);
    ::dup2(saved, STDOUT_FILENO);
    ::close(null);
    ::close(saved);
    return code;
}

template <json (*Make)(int)>
void command(benchmark::State& state, const char* verb, const char* shape) {
    const int n = static_cast<int>(state.range(0));
    const std::string file = writeDesign(Make(n), std::string(shape) + std::to_string(n));
    for (auto _ : state)
        if (cli({verb, file}) != 0)
            state.SkipWithError("the command failed");
    state.SetComplexityN(n);
}

void validateWide(benchmark::State& s) {
    command<wideTier>(s, "validate", "wide");
}
void reviewWide(benchmark::State& s) {
    command<wideTier>(s, "review", "wide");
}
void validateChain(benchmark::State& s) {
    command<replicationChain>(s, "validate", "chain");
}
void reviewChain(benchmark::State& s) {
    command<replicationChain>(s, "review", "chain");
}

void sizes(benchmark::internal::Benchmark* b) {
    b->Arg(2000)->Arg(20000)->Arg(40000)->Arg(80000)->Unit(benchmark::kMillisecond)->Complexity();
}

} // namespace

BENCHMARK(validateWide)->Apply(sizes);
BENCHMARK(reviewWide)->Apply(sizes);
BENCHMARK(validateChain)->Apply(sizes);
BENCHMARK(reviewChain)->Apply(sizes);

BENCHMARK_MAIN();
