#include "emulator/Station.h"

#include "emulator/Simulation.h"

namespace sb::emu {

namespace {
constexpr std::uint32_t kCompletion = 0;

std::uint64_t pack(std::uint32_t request, std::uint32_t tag, std::uint32_t epoch) {
    return request | (static_cast<std::uint64_t>(tag & 0xFFFF) << 32) |
           (static_cast<std::uint64_t>(epoch & 0xFFFF) << 48);
}
} // namespace

Station::Station(Simulation& sim, StationClient& client, int servers, std::int64_t queueLimit,
                 Time timeout)
    : m_sim(sim)
    , m_client(client)
    , m_entity(sim.kernel().addEntity(this))
    , m_servers(servers)
    , m_queueLimit(queueLimit)
    , m_timeout(timeout) {}

void Station::account() {
    const Time now = m_sim.now();
    const double dt = static_cast<double>(now - m_lastChange);
    m_busyArea += dt * m_busy;
    m_queueArea += dt * static_cast<double>(m_queue.size());
    m_capacityArea += dt * m_servers;
    m_lastChange = now;
}

double Station::busyIntegral() const {
    return m_busyArea + static_cast<double>(m_sim.now() - m_lastChange) * m_busy;
}

double Station::queueIntegral() const {
    return m_queueArea +
           static_cast<double>(m_sim.now() - m_lastChange) * static_cast<double>(m_queue.size());
}

double Station::capacityIntegral() const {
    return m_capacityArea + static_cast<double>(m_sim.now() - m_lastChange) * m_servers;
}

void Station::begin(std::uint32_t request, std::uint32_t tag, Time service, Time enqueued) {
    ++m_busy;
    Request& r = m_sim.requests()[request];
    r.stationSlot = static_cast<std::uint32_t>(m_inService.size());
    m_inService.push_back({request, tag, enqueued});
    if (m_slowdown != 1.0)
        service = static_cast<Time>(static_cast<double>(service) * m_slowdown);
    m_sim.kernel().scheduleIn(service, m_entity, kCompletion, pack(request, tag, m_epoch));
}

bool Station::submit(std::uint32_t request, Time serviceTime, std::uint32_t tag) {
    account();
    if (m_busy < m_servers) {
        begin(request, tag, serviceTime, m_sim.now());
        return true;
    }
    if (static_cast<std::int64_t>(m_queue.size()) >= m_queueLimit) {
        return false;
    }
    m_queue.push_back({request, tag, serviceTime, m_sim.now()});
    if (m_queue.size() > m_maxQueue)
        m_maxQueue = m_queue.size();
    return true;
}

Station::Waiting Station::takeNext() {
    if (m_order == QueueOrder::AdaptiveLifo && m_queue.size() > m_lifoAfter) {
        Waiting w = m_queue.back();
        m_queue.pop_back();
        return w;
    }
    Waiting w = m_queue.front();
    m_queue.pop_front();
    return w;
}

void Station::startNext() {
    if (m_order == QueueOrder::AdaptiveLifo && m_timeout != kNever) {
        // The old end holds the requests LIFO leaves behind: shed those past the timeout
        // now, so they neither hold queue places nor wait for a server in vain.
        while (!m_queue.empty() && m_sim.now() - m_queue.front().enqueued > m_timeout) {
            const Waiting w = m_queue.front();
            m_queue.pop_front();
            m_client.serviceFailed(w.request, w.tag, FailReason::Timeout);
        }
    }
    while (m_busy < m_servers && !m_queue.empty()) {
        const Waiting w = takeNext();
        if (m_timeout != kNever && m_sim.now() - w.enqueued > m_timeout) {
            m_client.serviceFailed(w.request, w.tag, FailReason::Timeout);
            continue;
        }
        begin(w.request, w.tag, w.service, w.enqueued);
    }
}

void Station::handleEvent(std::uint32_t kind, std::uint64_t payload) {
    if (kind != kCompletion)
        return;
    if (static_cast<std::uint32_t>(payload >> 48) != (m_epoch & 0xFFFF))
        return; // completion of a request the station already failed
    const auto request = static_cast<std::uint32_t>(payload);
    const auto tag = static_cast<std::uint32_t>((payload >> 32) & 0xFFFF);
    account();
    --m_busy;
    const std::uint32_t slot = m_sim.requests()[request].stationSlot;
    if (m_sojourn)
        m_sojourn->record(m_sim.now() - m_inService[slot].arrived);
    m_inService[slot] = m_inService.back();
    m_sim.requests()[m_inService[slot].request].stationSlot = slot;
    m_inService.pop_back();
    startNext();
    m_client.serviceDone(request, tag);
}

void Station::failAll(FailReason reason) {
    account();
    ++m_epoch;
    std::vector<InService> inService;
    inService.swap(m_inService);
    std::deque<Waiting> queued;
    queued.swap(m_queue);
    m_busy = 0;
    for (const auto& s : inService)
        m_client.serviceFailed(s.request, s.tag, reason);
    for (const auto& w : queued)
        m_client.serviceFailed(w.request, w.tag, reason);
}

void Station::setServers(int servers) {
    account();
    m_servers = servers;
    startNext();
}

} // namespace sb::emu
