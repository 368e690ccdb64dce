#include "cli/ServeCommands.h"

#include "cli/CliCommon.h"
#include "design/PropertySpec.h"
#include "emulator/RunControl.h"
#include "serve/LiveEndpoint.h"

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdio>
#include <functional>

namespace sb::cli {

namespace {

/// How long `serve` runs without --duration: until it is stopped (virtual seconds).
constexpr double kUntilStopped = 1e9;

class ServeGroup : public CommandGroup {
public:
    void add(CLI::App& app) override {
        m_cmd = app.add_subcommand("serve", "Run a design behind a loopback HTTP endpoint: real "
                                            "requests (curl, a browser, wrk) travel the design");
        m_cmd->add_option("design", m_design, "Design file (JSON)")->required();
        m_cmd->add_option("--port", m_port, "TCP port (default 8080; 0 picks a free one)");
        m_cmd->add_option("--bind", m_bind, "Address to listen on (default 127.0.0.1)");
        m_cmd->add_flag("--allow-remote", m_allowRemote,
                        "Allow an address other than loopback (anyone who reaches it can send "
                        "requests)");
        m_cmd->add_option("--speed", m_speed, "realtime (default) or a factor such as 10x");
        m_cmd->add_option("--entry", m_entry,
                          "The clients node requests enter at (default: the first)");
        m_cmd->add_option("--max-connections", m_maxConnections,
                          "Connections open at once (default 512)");
        m_cmd->add_option("--read-timeout", m_readTimeout,
                          "Seconds a request may take to arrive, and an idle connection stays "
                          "open (default 10)");
        m_cmd->add_option("--duration", m_length.duration,
                          "Stop after this many virtual seconds (default: at Ctrl-C)");
        m_cmd->add_option("--warmup", m_length.warmup, "Seconds excluded from the summary");
        m_cmd->add_option("--seed", m_length.seed, "Random seed");
        m_cmd->add_option("--json", m_json, "Write the result summary as JSON when it stops");
        m_cmd->add_flag("--quiet", m_quiet, "Print only the address and errors");
    }

    void check() override {
        if (!*m_cmd)
            return;
        m_length.check();
        if (m_port < 0 || m_port > 65535)
            throw BadInput{"--port must be from 0 to 65535, got " + std::to_string(m_port)};
        if (m_maxConnections < 1 || m_maxConnections > 100000)
            throw BadInput{"--max-connections must be from 1 to 100000, got " +
                           std::to_string(m_maxConnections)};
        m_readTimeoutSeconds = secondsOption("--read-timeout", m_readTimeout, 0.05, 3600, true);
        m_speedValue = parseSpeed(m_speed);
        if (m_speedValue <= 0)
            throw BadInput{"--speed max cannot serve real requests: they need real-time pacing "
                           "(realtime, or a factor such as 10x)"};
        if (!serve::LiveEndpoint::isLoopback(m_bind) && !m_allowRemote)
            throw BadInput{"--bind " + m_bind.substr(0, 100) +
                           " is not a loopback address: add --allow-remote to listen there"};
        checkOutputs(m_design, {{"--json", m_json}});
    }

    std::optional<int> run(const CliExtensions&) override {
        if (!*m_cmd)
            return std::nullopt;
        design::Design d = loadForRun(m_design);
        emu::RunSettings settings = m_length.settingsFor(d);
        if (!m_length.duration)
            settings.durationSeconds = kUntilStopped;
        settings.speed = m_speedValue;
        std::unique_ptr<emu::Simulation> sim = buildOrThrow(d, settings.seed);
        std::vector<serve::EntryPoint> entries = serve::entryPoints(*sim);
        serve::LiveEndpoint::registerCounters(*sim);
        emu::RunControl control(std::move(sim), settings);
        serve::EndpointSettings endpointSettings;
        endpointSettings.bind = m_bind;
        endpointSettings.port = static_cast<std::uint16_t>(m_port);
        endpointSettings.entry = m_entry;
        endpointSettings.maxConnections = static_cast<std::size_t>(m_maxConnections);
        endpointSettings.readTimeout =
            std::chrono::milliseconds(static_cast<std::int64_t>(m_readTimeoutSeconds * 1000));
        std::unique_ptr<serve::LiveEndpoint> endpoint;
        try {
            endpoint = std::make_unique<serve::LiveEndpoint>(control, entries, endpointSettings);
        } catch (const std::exception& e) {
            throw BadInput{e.what()};
        }
        if (!serve::LiveEndpoint::isLoopback(m_bind))
            std::fprintf(stderr,
                         "warning: listening on %s, not loopback: anyone who can reach this "
                         "address can send requests\n",
                         m_bind.c_str());
        control.start();
        std::printf("serving %s at %s (requests enter at '%s', %sx speed); Ctrl-C stops\n",
                    d.name.empty() ? m_design.c_str() : d.name.c_str(), endpoint->url().c_str(),
                    endpoint->defaultEntry().c_str(), design::formatNumber(m_speedValue).c_str());
        std::fflush(stdout);
        waitForStop(control);
        endpoint->stop();
        control.stop();
        control.waitFinished(std::chrono::minutes(1));
        const auto result = control.result();
        const serve::EndpointStats stats = endpoint->stats();
        if (!m_quiet) {
            printSummary(d, *result);
            std::printf("\nlive endpoint  %llu connections (%llu refused), %llu real requests "
                        "(%llu failed in the emulation), %llu bad requests, %llu slow clients "
                        "closed, %llu unanswered\n",
                        static_cast<unsigned long long>(stats.connections),
                        static_cast<unsigned long long>(stats.refused),
                        static_cast<unsigned long long>(result->counter("real_requests")),
                        static_cast<unsigned long long>(result->counter("real_failed")),
                        static_cast<unsigned long long>(stats.badRequests),
                        static_cast<unsigned long long>(stats.slowClients),
                        static_cast<unsigned long long>(stats.unanswered));
        }
        if (!m_json.empty())
            writeOrThrow(m_json, emu::toJson(*result).dump(2) + "\n");
        if (!result->error.empty()) {
            std::fprintf(stderr, "error: %s\n", result->error.c_str());
            return kInternal;
        }
        return kOk;
    }

private:
    /// Blocks until SIGINT or SIGTERM, or the run's end (--duration).
    static void waitForStop(emu::RunControl& control) {
        boost::asio::io_context io;
        boost::asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });
        boost::asio::steady_timer poll(io);
        std::function<void()> watch = [&] {
            poll.expires_after(std::chrono::milliseconds(100));
            poll.async_wait([&](const boost::system::error_code& ec) {
                if (ec)
                    return;
                if (control.state() == emu::RunState::Finished)
                    io.stop();
                else
                    watch();
            });
        };
        watch();
        io.run();
    }

    CLI::App* m_cmd = nullptr;
    std::string m_design;
    int m_port = 8080;
    std::string m_bind = "127.0.0.1";
    bool m_allowRemote = false;
    std::string m_speed = "realtime";
    double m_speedValue = 1;
    std::string m_entry;
    int m_maxConnections = 512;
    std::string m_readTimeout = "10";
    double m_readTimeoutSeconds = 10;
    RunLengthOptions m_length;
    std::string m_json;
    bool m_quiet = false;
};

} // namespace

std::unique_ptr<CommandGroup> serveCommands() {
    return std::make_unique<ServeGroup>();
}

} // namespace sb::cli
