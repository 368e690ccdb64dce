#include "components/object_store/ObjectStore.h"

#include "emulator/Simulation.h"

#include <algorithm>
#include <cmath>

namespace sb::comp {

int ObjectStore::slotsFor(double latencyMs, double maxRps) {
    return std::max(1, static_cast<int>(std::lround(maxRps * latencyMs / 1000.0)));
}

emu::Time ObjectStore::serviceFor(double latencyMs, double maxRps) {
    // slots / service = maxRps exactly; the service is the latency unless one slot is
    // already slower than that (a store capped below 1 / latency).
    return emu::fromSeconds(slotsFor(latencyMs, maxRps) / maxRps);
}

ObjectStore::ObjectStore(emu::Simulation& sim, BuildContext& c)
    : Node(sim, c.node.id.value, c.node.kind)
    , m_station(sim, *this, 1, c.props.integer("queue_limit"))
    , m_latencyMs(c.props.number("latency_ms"))
    , m_maxRps(c.props.number("max_rps")) {
    configure(m_latencyMs, m_maxRps);
    addStation(&m_station);
}

void ObjectStore::configure(double latencyMs, double maxRps) {
    m_latencyMs = latencyMs;
    m_maxRps = maxRps;
    m_station.setServers(slotsFor(latencyMs, maxRps));
    m_service = serviceFor(latencyMs, maxRps);
}

void ObjectStore::onRequest(std::uint32_t slot, std::uint32_t) {
    if (!m_station.submit(slot, m_service))
        failRequest(slot, emu::FailReason::Overloaded);
}

void ObjectStore::serviceDone(std::uint32_t slot, std::uint32_t) {
    ++counters().completed;
    reply(slot);
}

void ObjectStore::serviceFailed(std::uint32_t slot, std::uint32_t, emu::FailReason reason) {
    failRequest(slot, reason);
}

bool ObjectStore::applyProperty(const std::string& name, double value) {
    if (name == "latency_ms" && value > 0) {
        configure(value, m_maxRps);
        return true;
    }
    if (name == "max_rps" && value > 0) {
        configure(m_latencyMs, value);
        return true;
    }
    return false;
}

} // namespace sb::comp
