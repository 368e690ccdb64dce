#include "components/common/WorkerPool.h"

#include "emulator/Simulation.h"

namespace sb::comp {

WorkerPool::WorkerPool(emu::Simulation& sim, const emu::Node& node, emu::StationClient& client,
                       const design::PropertyValues& props)
    : m_station(sim, client, static_cast<int>(props.integer("workers")),
                props.integer("queue_limit"))
    , m_service(emu::ServiceTime::Shape::Constant, emu::fromMillis(props.number("latency_ms")))
    , m_rng(sim.stream(node.id(), emu::kServiceTimeStream)) {}

bool WorkerPool::submit(std::uint32_t request) {
    return m_station.submit(request, m_service.sample(m_rng));
}

bool WorkerPool::applyProperty(const std::string& name, double value) {
    if (name == "latency_ms" && value > 0) {
        m_service = emu::ServiceTime(m_service.shape(), emu::fromMillis(value));
        return true;
    }
    if (name == "workers" && value >= 1) {
        m_station.setServers(static_cast<int>(value));
        return true;
    }
    return false;
}

} // namespace sb::comp
