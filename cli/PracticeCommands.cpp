#include "cli/PracticeCommands.h"

#include "cli/CliCommon.h"
#include "practice/Envelope.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace sb::cli {

namespace {

struct NumberOption {
    const char* name;
    double* value;
    double min, max;
    const char* help;
};

class PracticeGroup : public CommandGroup {
public:
    void add(CLI::App& app) override {
        m_cmd = app.add_subcommand("estimate", "Back-of-the-envelope estimates: QPS, storage, "
                                               "bandwidth, cache memory, servers");
        for (const NumberOption& o : options())
            m_cmd->add_option(o.name, *o.value, o.help);
        m_cmd->add_option("--estimate", m_estimates,
                          "Your own estimate NAME=VALUE (average_qps, peak_qps, storage_bytes, "
                          "peak_bandwidth_bps, cache_bytes, servers); repeatable");
        m_cmd->add_flag("--json", m_json, "Print JSON");
    }

    void check() override {
        if (!*m_cmd)
            return;
        for (const NumberOption& o : options())
            if (!std::isfinite(*o.value) || *o.value < o.min || *o.value > o.max)
                throw BadInput{std::string(o.name) + " must be a number from " + format(o.min) +
                               " to " + format(o.max) + ", got " + format(*o.value)};
        m_keys = static_cast<std::uint64_t>(m_keysValue);
        m_parsed.clear();
        for (const std::string& e : m_estimates) {
            const auto eq = e.find('=');
            double value = NAN;
            if (eq != std::string::npos) {
                try {
                    std::size_t used = 0;
                    value = std::stod(e.substr(eq + 1), &used);
                    if (used != e.size() - eq - 1)
                        value = NAN;
                } catch (const std::exception&) {
                    value = NAN;
                }
            }
            if (!std::isfinite(value) || value < 0)
                throw BadInput{"--estimate must be NAME=VALUE with a number of 0 or more, got '" +
                               e + "'"};
            m_parsed.emplace_back(e.substr(0, eq), value);
        }
        const practice::Envelope any;
        for (const auto& [name, value] : m_parsed)
            if (practice::compareEstimates({{name, value}}, any).empty())
                throw BadInput{"--estimate: no quantity called '" + name +
                               "' (average_qps, peak_qps, storage_bytes, peak_bandwidth_bps, "
                               "cache_bytes, servers)"};
    }

    std::optional<int> run(const CliExtensions&) override {
        if (!*m_cmd)
            return std::nullopt;
        m_in.keys = m_keys;
        const practice::Envelope e = practice::computeEnvelope(m_in);
        const auto checks = practice::compareEstimates(m_parsed, e);
        if (m_json) {
            nlohmann::json out{{"format", "scaleboard-estimate"},
                               {"version", 1},
                               {"average_qps", e.averageQps},
                               {"peak_qps", e.peakQps},
                               {"storage_bytes", e.storageBytes},
                               {"peak_bandwidth_bps", e.peakBandwidthBps},
                               {"hot_keys", e.hotKeys},
                               {"cache_bytes", e.cacheBytes},
                               {"peak_concurrency", e.peakConcurrency},
                               {"servers", e.serversNeeded},
                               {"estimates", nlohmann::json::array()}};
            for (const auto& c : checks)
                out["estimates"].push_back({{"quantity", c.quantity},
                                            {"estimate", c.estimate},
                                            {"computed", c.computed},
                                            {"factor_off", c.factorOff}});
            std::cout << out.dump(2) << "\n";
            return kOk;
        }
        std::printf("Estimates (computed from the inputs, not measured)\n");
        std::printf("  average QPS        %.1f\n", e.averageQps);
        std::printf("  peak QPS           %.1f\n", e.peakQps);
        std::printf("  storage            %.3g bytes (replicated, over the retention)\n",
                    e.storageBytes);
        std::printf("  peak bandwidth     %.3g bytes/s\n", e.peakBandwidthBps);
        std::printf("  hot set            %llu keys, %.3g bytes of cache\n",
                    static_cast<unsigned long long>(e.hotKeys), e.cacheBytes);
        std::printf("  peak concurrency   %.1f requests in service (Little's law)\n",
                    e.peakConcurrency);
        std::printf("  servers            %llu\n",
                    static_cast<unsigned long long>(e.serversNeeded));
        for (const auto& c : checks)
            std::printf("your %-18s %.4g vs %.4g: off by a factor of %.2f\n", c.quantity.c_str(),
                        c.estimate, c.computed, c.factorOff);
        return kOk;
    }

private:
    std::vector<NumberOption> options() {
        return {
            {"--daily-users", &m_in.dailyUsers, 1, 1e11, "Daily active users"},
            {"--requests-per-user", &m_in.requestsPerUserPerDay, 0, 1e6,
             "Requests per user per day"},
            {"--write-fraction", &m_in.writeFraction, 0, 1, "Share of requests that write"},
            {"--object-bytes", &m_in.objectBytes, 0, 1e12, "Bytes per request's object"},
            {"--retention-days", &m_in.retentionDays, 0, 1e6, "Days written objects are kept"},
            {"--replication", &m_in.replication, 1, 100, "Copies of each stored byte"},
            {"--peak-factor", &m_in.peakFactor, 1, 1000, "Peak rate over the daily average"},
            {"--keys", &m_keysValue, 1, 1e12, "Distinct objects read"},
            {"--zipf", &m_in.zipfS, 0, 3, "Skew of their popularity (0 = uniform)"},
            {"--hit-ratio", &m_in.hotHitRatio, 0, 1, "Share of reads the cache should answer"},
            {"--service-ms", &m_in.serviceMs, 0, 600000, "Server time per request"},
            {"--workers", &m_in.workersPerServer, 1, 4096, "Requests a server handles at once"},
            {"--utilization", &m_in.targetUtilization, 0.01, 1, "Target server utilisation"},
        };
    }
    static std::string format(double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", v);
        return text;
    }

    CLI::App* m_cmd = nullptr;
    practice::EnvelopeInputs m_in;
    double m_keysValue = static_cast<double>(practice::EnvelopeInputs{}.keys);
    std::uint64_t m_keys = 0;
    std::vector<std::string> m_estimates;
    std::vector<std::pair<std::string, double>> m_parsed;
    bool m_json = false;
};

} // namespace

std::unique_ptr<CommandGroup> practiceCommands() {
    return std::make_unique<PracticeGroup>();
}

} // namespace sb::cli
