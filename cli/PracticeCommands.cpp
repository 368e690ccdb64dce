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

class PracticeGroup : public CommandGroup {
public:
    void add(CLI::App& app) override {
        m_cmd = app.add_subcommand("estimate", "Back-of-the-envelope estimates: QPS, storage, "
                                               "bandwidth, cache memory, servers");
        const auto& inputs = practice::envelopeInputs();
        m_values.resize(inputs.size());
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            m_values[i] = inputs[i].get(m_in);
            m_cmd->add_option(std::string("--") + inputs[i].option, m_values[i], inputs[i].label);
        }
        m_cmd->add_option("--estimate", m_estimates,
                          "Your own estimate NAME=VALUE (average_qps, peak_qps, storage_bytes, "
                          "peak_bandwidth_bps, cache_bytes, servers); repeatable");
        m_cmd->add_flag("--json", m_json, "Print JSON");
    }

    void check() override {
        if (!*m_cmd)
            return;
        const auto& inputs = practice::envelopeInputs();
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const practice::EnvelopeInput& o = inputs[i];
            const double v = m_values[i];
            if (!std::isfinite(v) || v < o.min || v > o.max)
                throw BadInput{std::string("--") + o.option + " must be a number from " +
                               format(o.min) + " to " + format(o.max) + ", got " + format(v)};
            o.set(m_in, v);
        }
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
    static std::string format(double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", v);
        return text;
    }

    CLI::App* m_cmd = nullptr;
    practice::EnvelopeInputs m_in;
    std::vector<double> m_values; ///< one per practice::envelopeInputs()
    std::vector<std::string> m_estimates;
    std::vector<std::pair<std::string, double>> m_parsed;
    bool m_json = false;
};

} // namespace

std::unique_ptr<CommandGroup> practiceCommands() {
    return std::make_unique<PracticeGroup>();
}

} // namespace sb::cli
