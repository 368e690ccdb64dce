#pragma once

#include "design/PropertyValues.h"
#include "emulator/Node.h"
#include "emulator/RandomStream.h"
#include "emulator/ServiceTime.h"
#include "emulator/Station.h"

#include <cstdint>
#include <string>

namespace sb::comp {

/// The workers of a node that serves every message in the same time: `workers` servers,
/// `queue_limit` places to wait and `latency_ms` per message; latency_ms and workers take
/// live changes.
class WorkerPool {
public:
    WorkerPool(emu::Simulation& sim, const emu::Node& node, emu::StationClient& client,
               const design::PropertyValues& props);

    /// Starts or queues the message's service; false when the queue is full.
    bool submit(std::uint32_t request);
    /// A live change of latency_ms or workers; false for any other property or value.
    bool applyProperty(const std::string& name, double value);

    emu::Station& station() { return m_station; }

private:
    emu::Station m_station;
    emu::ServiceTime m_service;
    emu::RandomStream m_rng;
};

} // namespace sb::comp
