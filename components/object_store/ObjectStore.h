#pragma once

#include "components/registry/BuildContext.h"
#include "emulator/Node.h"
#include "emulator/ServiceTime.h"
#include "emulator/Station.h"

namespace sb::comp {

/// An object store (S3-like) serving static assets: each request takes `latency_ms`, and
/// no more than `max_rps` are served per second — the store has just enough parallel
/// slots for that rate, so beyond it requests queue and, past the queue limit, get 503s.
class ObjectStore final : public emu::Node, public emu::StationClient {
public:
    ObjectStore(emu::Simulation& sim, BuildContext& context);

    void onRequest(std::uint32_t request, std::uint32_t link) override;
    void serviceDone(std::uint32_t request, std::uint32_t tag) override;
    void serviceFailed(std::uint32_t request, std::uint32_t tag, emu::FailReason reason) override;
    bool applyProperty(const std::string& name, double value) override;

    /// Parallel slots and per-request service time that give `latencyMs` at up to `maxRps`.
    static int slotsFor(double latencyMs, double maxRps);
    static emu::Time serviceFor(double latencyMs, double maxRps);

private:
    void configure(double latencyMs, double maxRps);

    emu::Station m_station;
    emu::Time m_service = 0;
    double m_latencyMs;
    double m_maxRps;
};

} // namespace sb::comp
